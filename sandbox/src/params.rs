//! Request parameters: the query string merged with a JSON or form-encoded body, with Rails-style
//! bracket syntax (`a[b]=`, `a[]=`, `line_items[0]kind=`) turned into nested JSON.

use crate::dec::Dec;
use chrono::NaiveDate;
use serde_json::{Map, Value};

#[derive(Debug, Default, Clone)]
pub struct Params(pub Map<String, Value>);

/// A field's value on a write: absent, explicitly null, or present.
pub enum Field<T> {
    Absent,
    Null,
    Val(T),
}

impl<T> Field<T> {
    pub fn val(self) -> Option<T> {
        match self {
            Field::Val(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
}

pub fn humanize(key: &str) -> String {
    let k = key.strip_suffix("_id").unwrap_or(key);
    let mut s = k.replace('_', " ");
    if let Some(f) = s.get(0..1) {
        let up = f.to_uppercase();
        s.replace_range(0..1, &up);
    }
    s
}

pub fn decode_component(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s).decode_utf8_lossy().into_owned()
}

pub fn parse_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.find('=') {
            Some(i) => (decode_component(&p[..i]), decode_component(&p[i + 1..])),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

fn key_path(key: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (head, mut rest) = match key.find('[') {
        Some(i) => (&key[..i], &key[i..]),
        None => return vec![key.to_string()],
    };
    out.push(head.to_string());
    while !rest.is_empty() {
        if let Some(stripped) = rest.strip_prefix('[') {
            match stripped.find(']') {
                Some(j) => {
                    out.push(stripped[..j].to_string());
                    rest = &stripped[j + 1..];
                }
                None => {
                    out.push(stripped.to_string());
                    break;
                }
            }
        } else {
            // Postman style `line_items[0]kind`
            match rest.find('[') {
                Some(j) => {
                    out.push(rest[..j].to_string());
                    rest = &rest[j..];
                }
                None => {
                    out.push(rest.to_string());
                    break;
                }
            }
        }
    }
    out
}

fn insert_path(target: &mut Map<String, Value>, path: &[String], val: String) {
    if path.is_empty() || path.len() > 8 {
        return;
    }
    let key = &path[0];
    if path.len() == 1 {
        target.insert(key.clone(), Value::String(val));
        return;
    }
    if path[1].is_empty() {
        // a[] = v  (or a[][x] = v, rare: treat as pushing scalars)
        let e = target.entry(key.clone()).or_insert_with(|| Value::Array(vec![]));
        if !e.is_array() {
            *e = Value::Array(vec![]);
        }
        if let Value::Array(a) = e {
            if a.len() < 10_000 {
                a.push(Value::String(val));
            }
        }
        return;
    }
    let e = target.entry(key.clone()).or_insert_with(|| Value::Object(Map::new()));
    if !e.is_object() {
        *e = Value::Object(Map::new());
    }
    if let Value::Object(m) = e {
        insert_path(m, &path[1..], val);
    }
}

/// Objects whose keys are all numeric become arrays (ordered by index).
fn arrayify(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            if !m.is_empty() && m.keys().all(|k| !k.is_empty() && k.len() < 9 && k.bytes().all(|b| b.is_ascii_digit())) {
                let mut items: Vec<(u64, Value)> =
                    m.into_iter().map(|(k, v)| (k.parse().unwrap_or(0), arrayify(v))).collect();
                items.sort_by_key(|x| x.0);
                Value::Array(items.into_iter().map(|x| x.1).collect())
            } else {
                Value::Object(m.into_iter().map(|(k, v)| (k, arrayify(v))).collect())
            }
        }
        Value::Array(a) => Value::Array(a.into_iter().map(arrayify).collect()),
        o => o,
    }
}

pub fn form_to_map(pairs: &[(String, String)]) -> Map<String, Value> {
    let mut m = Map::new();
    for (k, v) in pairs {
        insert_path(&mut m, &key_path(k), v.clone());
    }
    match arrayify(Value::Object(m)) {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    if s.len() >= 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            if s.len() == 10 {
                return Some(d);
            }
        }
    }
    None
}

pub type PResult<T> = Result<T, String>;

impl Params {
    pub fn get(&self, k: &str) -> Option<&Value> {
        self.0.get(k)
    }
    pub fn has(&self, k: &str) -> bool {
        self.0.contains_key(k)
    }

    pub fn str_field(&self, k: &str) -> PResult<Field<String>> {
        Ok(match self.0.get(k) {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(Value::String(s)) => Field::Val(s.clone()),
            Some(Value::Number(n)) => Field::Val(n.to_string()),
            Some(Value::Bool(b)) => Field::Val(b.to_string()),
            Some(_) => return Err(format!("{} is invalid", humanize(k))),
        })
    }
    pub fn str(&self, k: &str) -> PResult<Option<String>> {
        Ok(self.str_field(k)?.val())
    }

    pub fn int_field(&self, k: &str) -> PResult<Field<i64>> {
        Ok(match self.0.get(k) {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(v) => Field::Val(as_int(v).ok_or_else(|| format!("{} is not a number", humanize(k)))?),
        })
    }
    pub fn int(&self, k: &str) -> PResult<Option<i64>> {
        Ok(self.int_field(k)?.val())
    }

    pub fn bool_field(&self, k: &str) -> PResult<Field<bool>> {
        Ok(match self.0.get(k) {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(v) => Field::Val(as_bool(v).ok_or_else(|| format!("{} is not a boolean", humanize(k)))?),
        })
    }
    pub fn bool(&self, k: &str) -> PResult<Option<bool>> {
        Ok(self.bool_field(k)?.val())
    }

    pub fn dec_field(&self, k: &str) -> PResult<Field<Dec>> {
        Ok(match self.0.get(k) {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(Value::String(s)) if s.trim().is_empty() => Field::Null,
            Some(v) => Field::Val(Dec::from_json(v).ok_or_else(|| format!("{} is not a number", humanize(k)))?),
        })
    }
    pub fn dec(&self, k: &str) -> PResult<Option<Dec>> {
        Ok(self.dec_field(k)?.val())
    }

    pub fn date_field(&self, k: &str) -> PResult<Field<NaiveDate>> {
        Ok(match self.0.get(k) {
            None => Field::Absent,
            Some(Value::Null) => Field::Null,
            Some(Value::String(s)) if s.trim().is_empty() => Field::Null,
            Some(Value::String(s)) => {
                Field::Val(parse_date(s).ok_or_else(|| format!("{} is not a valid date", humanize(k)))?)
            }
            Some(_) => return Err(format!("{} is not a valid date", humanize(k))),
        })
    }
    pub fn date(&self, k: &str) -> PResult<Option<NaiveDate>> {
        Ok(self.date_field(k)?.val())
    }

    pub fn id_list(&self, k: &str) -> PResult<Option<Vec<i64>>> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| as_int(v).ok_or_else(|| format!("{} is invalid", humanize(k))))
                .collect::<PResult<Vec<_>>>()
                .map(Some),
            Some(Value::String(s)) if s.is_empty() => Ok(Some(vec![])),
            Some(v) => as_int(v).map(|i| Some(vec![i])).ok_or_else(|| format!("{} is invalid", humanize(k))),
        }
    }

    pub fn str_list(&self, k: &str) -> PResult<Option<Vec<String>>> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(format!("{} is invalid", humanize(k))),
                })
                .collect::<PResult<Vec<_>>>()
                .map(Some),
            Some(Value::String(s)) if s.is_empty() => Ok(Some(vec![])),
            Some(Value::String(s)) => Ok(Some(vec![s.clone()])),
            Some(_) => Err(format!("{} is invalid", humanize(k))),
        }
    }

    pub fn obj(&self, k: &str) -> PResult<Option<Params>> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(m)) => Ok(Some(Params(m.clone()))),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(_) => Err(format!("{} is invalid", humanize(k))),
        }
    }

    pub fn obj_list(&self, k: &str) -> PResult<Option<Vec<Params>>> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| match v {
                    Value::Object(m) => Ok(Params(m.clone())),
                    _ => Err(format!("{} is invalid", humanize(k))),
                })
                .collect::<PResult<Vec<_>>>()
                .map(Some),
            Some(Value::Object(m)) => Ok(Some(vec![Params(m.clone())])),
            Some(_) => Err(format!("{} is invalid", humanize(k))),
        }
    }
}

pub fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                Some(f as i64)
            } else {
                None
            }
        }),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

pub fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim() {
            "true" | "1" | "t" | "yes" | "on" => Some(true),
            "false" | "0" | "f" | "no" | "off" => Some(false),
            _ => None,
        },
        Value::Number(n) => match n.as_i64() {
            Some(1) => Some(true),
            Some(0) => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn brackets() {
        let m = form_to_map(&parse_pairs(
            "name=Gary+B.&teammate_ids[]=21&teammate_ids[]=22&line_items[0]id=5&line_items[0]_destroy=true&external_reference[id]=x%20y&a[1][k]=2&a[0][k]=1",
        ));
        let v = Value::Object(m);
        assert_eq!(v["name"], "Gary B.");
        assert_eq!(v["teammate_ids"], serde_json::json!(["21", "22"]));
        assert_eq!(v["line_items"][0]["id"], "5");
        assert_eq!(v["line_items"][0]["_destroy"], "true");
        assert_eq!(v["external_reference"]["id"], "x y");
        assert_eq!(v["a"][0]["k"], "1");
        assert_eq!(v["a"][1]["k"], "2");
    }
    #[test]
    fn dates() {
        assert_eq!(parse_date("20170101"), NaiveDate::from_ymd_opt(2017, 1, 1));
        assert_eq!(parse_date("2017-01-31"), NaiveDate::from_ymd_opt(2017, 1, 31));
        assert_eq!(parse_date("2017-02-31"), None);
        assert_eq!(parse_date("x"), None);
    }
}
