import Foundation
import HarvestFFI

/// One page of a list, and the `position` to resume after it (JSON: save it, then
/// `client.resume(position:convert:)`).
public struct Page<Element> {
    public let items: [Element]
    /// Pages read so far, this one included.
    public let number: UInt64
    /// Where the list stands after this page.
    public let position: String
    /// Whether this was the last page.
    public let isLast: Bool
}

/// A lazy list across pages: an `AsyncSequence` of the items, fetched a page (up to 2000 items) at
/// a time as they are iterated, or page by page with `pages()`. Each iteration starts afresh.
public struct HarvestList<Element>: AsyncSequence {
    let client: HarvestClient
    let start: () throws -> HarvestPaginator
    let convert: (ModelValue) -> Element

    /// The pages, one request each, as they are iterated.
    public func pages() -> PageSequence<Element> { PageSequence(list: self) }

    /// Every item, every page read.
    public func all() async throws -> [Element] {
        var items: [Element] = []
        for try await item in self { items.append(item) }
        return items
    }

    public func makeAsyncIterator() -> Iterator { Iterator(pages: pages().makeAsyncIterator()) }

    public struct Iterator: AsyncIteratorProtocol {
        var pages: PageSequence<Element>.Iterator
        var buffer: [Element] = []
        var index = 0

        public mutating func next() async throws -> Element? {
            while index >= buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.items
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

/// The pages of a `HarvestList`.
public struct PageSequence<Element>: AsyncSequence {
    let list: HarvestList<Element>

    public func makeAsyncIterator() -> Iterator { Iterator(list: list) }

    public struct Iterator: AsyncIteratorProtocol {
        let list: HarvestList<Element>
        var paginator: HarvestPaginator?
        var finished = false

        public mutating func next() async throws -> Page<Element>? {
            if finished { return nil }
            let paginator = try self.paginator ?? list.start()
            self.paginator = paginator
            let client = list.client
            defer { client.deliverEvents() }
            while true {
                switch try paginator.nextAction(nowMs: client.clock.nowMs()) {
                case .send(let request):
                    try await client.exchange(request, respond: paginator.handleResponse(response:nowMs:), fail: paginator.handleFailure(requestId:kind:message:nowMs:))
                case .wait(let until):
                    try await client.clock.sleep(until: until)
                case .page(let page):
                    let items = (page.items() ?? []).map(list.convert)
                    return Page(items: items, number: paginator.pages(), position: paginator.positionJson(), isLast: paginator.isFinished())
                case .finished:
                    finished = true
                    return nil
                }
            }
        }
    }
}
