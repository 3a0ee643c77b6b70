//! A tiny aligned-table printer for human output.

/// Column alignment.
#[derive(Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// Rows under headers, printed with columns padded to the widest cell.
pub struct Table {
    headers: Vec<(&'static str, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[(&'static str, Align)]) -> Self {
        Self { headers: headers.to_vec(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.headers.iter().map(|(h, _)| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(widths.len()) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let line = |cells: Vec<&str>| {
            let last = cells.len().saturating_sub(1);
            let mut out = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let pad = widths[i].saturating_sub(width(cell));
                match self.headers[i].1 {
                    Align::Right => {
                        out.push_str(&" ".repeat(pad));
                        out.push_str(cell);
                    }
                    Align::Left => {
                        out.push_str(cell);
                        if i != last {
                            out.push_str(&" ".repeat(pad));
                        }
                    }
                }
                if i != last {
                    out.push_str("  ");
                }
            }
            out.trim_end().to_owned()
        };
        let mut out = line(self.headers.iter().map(|(h, _)| *h).collect());
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let mut t = Table::new(&[("ID", Align::Right), ("NAME", Align::Left), ("HOURS", Align::Right)]);
        t.row(vec!["7".into(), "Website".into(), "1.5".into()]);
        t.row(vec!["1234".into(), "App".into(), "12.25".into()]);
        assert_eq!(t.render(), "  ID  NAME     HOURS\n   7  Website    1.5\n1234  App      12.25\n");
    }
}
