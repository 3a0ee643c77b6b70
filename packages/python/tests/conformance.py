"""Runs the language-neutral cases of ``tests/conformance`` through the Python binding, with a
scripted transport and a virtual clock. The format and the scheduler are in that folder's README;
``core/tests/conformance.rs`` is the Rust runner this one mirrors.

Two ways in:
- :func:`run_scheduled`: the README's scheduler over ``harvest_sdk._steps.steps`` generators, the
  loop both drivers run; every case, concurrent ones included.
- :func:`run_through_client`: the public ``Client`` or ``AsyncClient`` (``request`` / ``paginate``)
  with a scripted transport and a virtual clock and sleep; the cases with one call.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import harvest_sdk
from harvest_sdk import _core
from harvest_sdk._steps import Failure, Request, Response, steps

CASES = Path(__file__).resolve().parents[3] / "tests" / "conformance"


def case_files() -> List[Path]:
    return sorted(CASES.glob("*.json"))


def load(path: Path) -> Dict[str, Any]:
    return json.loads(path.read_text())


def call_specs(case: Dict[str, Any]) -> List[Dict[str, Any]]:
    specs = case.get("calls") or []
    copies = case.get("repeat_calls") or 1
    return [specs[0]] * copies if copies > 1 else list(specs)


def contains(actual: Any, expected: Any) -> bool:
    """Whether ``actual`` contains ``expected`` (objects by key, arrays element-wise, numbers numerically)."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return False
        return all((k in actual and contains(actual[k], v)) or (v is None and k not in actual) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(contains(a, e) for a, e in zip(actual, expected))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return float(actual) == float(expected)
    return bool(actual == expected)


def as_json(value: Any) -> Any:
    """A call's value as the JSON the Rust runner compares (``serde_json::to_value``)."""
    if isinstance(value, (harvest_sdk.Model, harvest_sdk.Page)):
        return json.loads(value.to_json())
    return value


def walked(counts: List[int], position: str, error: Optional[harvest_sdk.HarvestError] = None) -> Dict[str, Any]:
    """A paginator's result as the Rust runner records it."""
    out: Dict[str, Any] = {"pages": counts, "position": json.loads(position)}
    if error is not None:
        out.update(error=error.code, status=error.status)
    return out


def error_json(error: harvest_sdk.HarvestError) -> Dict[str, Any]:
    out: Dict[str, Any] = {"error": error.code, "status": error.status}
    if error.retry_at_ms is not None:
        out["retry_at_ms"] = error.retry_at_ms
    return out


def header(headers: List[Tuple[str, str]], name: str) -> Optional[str]:
    return next((v for k, v in headers if k.lower() == name.lower()), None)


@dataclass
class Script:
    """The script of a case, consumed in order, and what was sent when."""

    steps: List[Dict[str, Any]]
    now: int
    step: int = 0
    repeat_left: Optional[int] = None
    sent: List[int] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    deferred_jump: Optional[int] = None

    def clock(self) -> int:
        """The virtual clock. A ``clock_jump_ms`` applies right after the answer was handed back:
        the handover reads the time once (before the jump), every later read sees the jump."""
        now = self.now
        if self.deferred_jump is not None:
            self.now += self.deferred_jump
            self.deferred_jump = None
        return now

    def match(self, request: Request, call: int) -> Optional[Tuple[Any, int, int]]:
        """Matches a sent request against the next step: ``(answer, delay_ms, clock_jump_ms)``."""
        self.sent.append(self.now)
        if self.step < len(self.steps) and "wait" in self.steps[self.step]:
            self.errors.append(f"step {self.step}: expected a wait, but call {call} sent {request.method} {request.url}")
            return None
        if self.step >= len(self.steps):
            self.errors.append(f"call {call} sent {request.method} {request.url} after the script ended")
            return None
        step = self.steps[self.step]
        problem = self.mismatch(request, call, step)
        if problem:
            self.errors.append(f"step {self.step}: {problem}")
            return None
        left = (self.repeat_left if self.repeat_left is not None else step.get("repeat", 1)) - 1
        if left == 0:
            self.step += 1
            self.repeat_left = None
        else:
            self.repeat_left = left
        return answer_for(step), step.get("delay_ms", 0), step.get("clock_jump_ms", 0)

    @staticmethod
    def mismatch(request: Request, call: int, step: Dict[str, Any]) -> Optional[str]:
        want = step["request"]
        if not step.get("any_call") and want.get("call", 0) != call:
            return f"call {call} sent {request.method} {request.url}, but the script expects call {want.get('call', 0)}"
        if "method" in want and want["method"] != request.method:
            return f"method: expected {want['method']}, got {request.method} ({request.url})"
        if "url" in want and want["url"] != request.url:
            return f"url: expected {want['url']}, got {request.url}"
        if "url_prefix" in want and not request.url.startswith(want["url_prefix"]):
            return f"url: expected a prefix {want['url_prefix']}, got {request.url}"
        for name, value in (want.get("headers") or {}).items():
            actual = header(request.headers, name)
            if actual != value:
                return f"header {name}: expected {value!r}, got {actual!r}"
        if "body" in want:
            actual_body: Any = None
            if request.body is not None:
                try:
                    actual_body = json.loads(request.body)
                except ValueError:
                    actual_body = request.body.decode("utf-8", "replace")
            if actual_body != want["body"]:
                return f"body: expected {want['body']}, got {actual_body}"
        return None

    def check_wait(self, call: int, until: int) -> None:
        if self.step < len(self.steps) and "wait" in self.steps[self.step]:
            wait = self.steps[self.step]["wait"]
            if wait.get("call", 0) == call:
                if wait.get("until") != until:
                    self.errors.append(f"step {self.step}: call {call} waits until {until}, expected {wait.get('until')}")
                self.step += 1

    def leftover(self) -> None:
        if self.step < len(self.steps) and not self.errors:
            self.errors.append(f"{len(self.steps) - self.step} script steps were never reached (next: {self.steps[self.step]})")


def answer_for(step: Dict[str, Any]) -> Any:
    if "failure" in step:
        return Failure(step["failure"], "scripted failure")
    r = step["response"]
    if isinstance(r.get("body_text"), str):
        body = r["body_text"].encode()
    elif r.get("body") is None:
        body = b""
    else:
        body = json.dumps(r["body"], separators=(",", ":")).encode()
    headers = [(k, str(v)) for k, v in (r.get("headers") or {}).items()]
    return Response(r.get("status", 200), headers, body)


def check_expectations(expect: Dict[str, Any], results: List[Any], script: Script, start: int, end: int, events: List[Dict[str, Any]]) -> List[str]:
    errors = list(script.errors)
    for i, want in enumerate(expect.get("results") or []):
        if not contains(results[i], want):
            errors.append(f"result {i}: expected {want}, got {str(results[i])[:400]}")
    if "all_results" in expect:
        for i, result in enumerate(results):
            if not contains(result, expect["all_results"]):
                errors.append(f"result {i}: expected {expect['all_results']}, got {str(result)[:400]}")
                break
    if "end_ms" in expect and expect["end_ms"] != end:
        errors.append(f"end_ms: expected {expect['end_ms']}, got {end} (start + {end - start})")
    if "requests" in expect and expect["requests"] != len(script.sent):
        errors.append(f"requests: expected {expect['requests']}, got {len(script.sent)}")
    if "max_requests_in_window" in expect:
        window = expect["max_requests_in_window"]["window_ms"]
        most = expect["max_requests_in_window"]["max"]
        sent = sorted(script.sent)
        for i, t in enumerate(sent):
            n = sum(1 for u in sent[i:] if u < t + window)
            if n > most:
                errors.append(f"{n} requests within {window} ms from {t}, more than {most}")
                break
    if "events" in expect and not contains(events, expect["events"]):
        errors.append(f"events: expected {expect['events']}, got {events}")
    return errors


def event_json(tokens: Tuple[Any, ...]) -> Dict[str, Any]:
    access, refresh, expires_at_ms, _scope = tokens
    return {"tokens_refreshed": {"access_token": access, "refresh_token": refresh, "expires_at_ms": expires_at_ms}}


# -- the README's scheduler over the steps() generators ---------------------------------------------


class Driven:
    """One call of a case: its state machine, its steps() generator and its slot in the scheduler."""

    def __init__(self, machine: Any, paginate: bool, max_pages: Optional[int], script: Script) -> None:
        self.machine = machine
        self.paginate = paginate
        self.max_pages = max_pages
        self.script = script
        self.pages: List[int] = []
        self.gen = steps(machine, script.clock)
        self.pending: Any = None
        self.slot = "ready"
        self.until = 0
        self.at = 0
        self.answer: Any = None
        self.jump = 0
        self.result: Any = None

    def pages_result(self, error: Optional[harvest_sdk.HarvestError] = None) -> Dict[str, Any]:
        return walked(self.pages, self.machine.position(), error)

    def ask(self) -> Tuple[str, Any]:
        """Advances the generator: ``("send", request)``, ``("wait", until)``, ``("finished", result)``
        or ``("continue", None)`` after a page."""
        if self.paginate and self.max_pages is not None and len(self.pages) >= self.max_pages:
            return "finished", self.pages_result()
        answer, self.pending = self.pending, None
        try:
            effect = self.gen.send(answer)
        except StopIteration as done:
            if not self.paginate:
                return "finished", {"ok": as_json(done.value)}
            if done.value is None:
                return "finished", self.pages_result()
            self.pages.append(len(done.value))
            self.gen = steps(self.machine, self.script.clock)
            return "continue", None
        except harvest_sdk.HarvestError as error:
            return "finished", self.pages_result(error) if self.paginate else error_json(error)
        if isinstance(effect, Request):
            return "send", effect
        return "wait", effect


def start(core: Any, spec: Dict[str, Any], script: Script) -> Driven:
    if spec.get("resume") is not None:
        return Driven(core.resume(json.dumps(spec["resume"])), True, spec.get("max_pages"), script)
    args = (spec["operation"], spec.get("path_ids") or [], spec.get("params"))
    if spec.get("paginate"):
        return Driven(core.paginate(*args), True, spec.get("max_pages"), script)
    return Driven(core.call(*args), False, None, script)


def run_scheduled(case: Dict[str, Any]) -> List[str]:
    core = _core.CoreClient(case["config"])
    begin = case["start_ms"]
    script = Script(case.get("script") or [], begin)
    specs = call_specs(case)
    calls: List[Optional[Driven]] = []
    results: List[Any] = [None] * len(specs)
    for i, spec in enumerate(specs):
        try:
            calls.append(start(core, spec, script))
        except harvest_sdk.HarvestError as error:
            calls.append(None)
            results[i] = {"error": error.code, "status": None}
    end = begin
    for _round in range(1_000_000):
        for i, call in enumerate(calls):
            if call is None or call.slot == "done":
                continue
            if call.slot == "awaiting" and call.at <= script.now:
                call.pending, call.slot = call.answer, "ready"
                script.deferred_jump = call.jump
            while call.slot == "ready" or (call.slot == "waiting" and call.until <= script.now):
                kind, value = call.ask()
                if kind == "send":
                    matched = script.match(value, i)
                    if matched is None:
                        return check_expectations(case.get("expect") or {}, results, script, begin, end, [])
                    answer, delay, jump = matched
                    if delay == 0:
                        call.pending, call.slot = answer, "ready"
                        script.deferred_jump = jump
                    else:
                        call.slot, call.at, call.answer, call.jump = "awaiting", script.now + delay, answer, jump
                elif kind == "wait":
                    script.check_wait(i, value)
                    if value <= script.now:
                        script.errors.append(f"call {i} asked to wait until {value}, which is not after now ({script.now})")
                        return check_expectations(case.get("expect") or {}, results, script, begin, end, [])
                    call.slot, call.until = "waiting", value
                elif kind == "finished":
                    results[i], call.slot, end = value, "done", script.now
        if all(c is None or c.slot == "done" for c in calls):
            break
        times = [c.until if c.slot == "waiting" else c.at for c in calls if c is not None and c.slot in ("waiting", "awaiting")]
        if not times:
            script.errors.append("no call can make progress")
            break
        script.now = max(script.now, min(times))
    script.leftover()
    events = [event_json(tokens) for _kind, tokens in core.take_events()]
    return check_expectations(case.get("expect") or {}, results, script, begin, end, events)


# -- one call through the public clients, with a scripted transport -----------------------------------


class ScriptedTransport(harvest_sdk.Transport):
    """Answers from the script; a ``delay_ms`` passes on the virtual clock before the answer."""

    def __init__(self, script: Script) -> None:
        self.script = script

    def send(self, request: Request) -> Any:
        matched = self.script.match(request, 0)
        if matched is None:
            raise AssertionError("; ".join(self.script.errors))
        answer, delay, jump = matched
        self.script.now += delay
        self.script.deferred_jump = jump
        return answer


class AsyncScriptedTransport(harvest_sdk.AsyncTransport):
    def __init__(self, script: Script) -> None:
        self.inner = ScriptedTransport(script)

    async def send(self, request: Request) -> Any:
        await asyncio.sleep(0)
        return self.inner.send(request)


def virtual_sleep(script: Script) -> Any:
    def sleep(seconds: float) -> None:
        until = script.now + round(seconds * 1000)
        script.check_wait(0, until)
        if until <= script.now:
            script.errors.append(f"call 0 asked to wait until {until}, which is not after now ({script.now})")
        script.now = until

    return sleep


def pages_of(client: Any, spec: Dict[str, Any]) -> Any:
    """The pages a paginating spec walks, from either client (``paginate`` is not a coroutine)."""
    if spec.get("resume") is not None:
        return client.paginate(spec.get("operation", ""), resume=json.dumps(spec["resume"])).pages()
    return client.paginate(spec["operation"], *(spec.get("path_ids") or []), **(spec.get("params") or {})).pages()




def enough(spec: Dict[str, Any], counts: List[int]) -> bool:
    return spec.get("max_pages") is not None and len(counts) >= spec["max_pages"]


def run_one(spec: Dict[str, Any], client: Any) -> Any:
    """Runs one call spec with a sync client: its result as the Rust runner records it."""
    if not spec.get("paginate") and spec.get("resume") is None:
        try:
            return {"ok": as_json(client.request(spec["operation"], *(spec.get("path_ids") or []), **(spec.get("params") or {})))}
        except harvest_sdk.HarvestError as error:
            return error_json(error)
    try:
        pages = pages_of(client, spec)
    except harvest_sdk.HarvestError as error:
        return {"error": error.code, "status": None}
    counts: List[int] = []
    try:
        for page in pages:
            counts.append(len(page))
            if enough(spec, counts):
                break
    except harvest_sdk.HarvestError as error:
        return walked(counts, pages.position, error)
    return walked(counts, pages.position)


async def run_one_async(spec: Dict[str, Any], client: Any) -> Any:
    """:func:`run_one` with an asyncio client."""
    if not spec.get("paginate") and spec.get("resume") is None:
        try:
            return {"ok": as_json(await client.request(spec["operation"], *(spec.get("path_ids") or []), **(spec.get("params") or {})))}
        except harvest_sdk.HarvestError as error:
            return error_json(error)
    try:
        pages = pages_of(client, spec)
    except harvest_sdk.HarvestError as error:
        return {"error": error.code, "status": None}
    counts: List[int] = []
    try:
        async for page in pages:
            counts.append(len(page))
            if enough(spec, counts):
                break
    except harvest_sdk.HarvestError as error:
        return walked(counts, pages.position, error)
    return walked(counts, pages.position)


def run_through_client(case: Dict[str, Any], use_async: bool) -> List[str]:
    begin = case["start_ms"]
    script = Script(case.get("script") or [], begin)
    events: List[Dict[str, Any]] = []

    def on_tokens(tokens: harvest_sdk.Tokens) -> None:
        events.append(event_json((tokens.access_token, tokens.refresh_token, tokens.expires_at_ms, tokens.scope)))

    (spec,) = call_specs(case)
    try:
        if use_async:

            async def sleep(seconds: float) -> None:
                virtual_sleep(script)(seconds)

            async def main() -> Any:
                client = harvest_sdk.AsyncClient.from_options(
                    case["config"], transport=AsyncScriptedTransport(script), clock=script.clock, sleep=sleep, on_tokens_refreshed=on_tokens
                )
                return await run_one_async(spec, client)

            result = asyncio.run(main())
        else:
            client = harvest_sdk.Client.from_options(
                case["config"], transport=ScriptedTransport(script), clock=script.clock, sleep=virtual_sleep(script), on_tokens_refreshed=on_tokens
            )
            result = run_one(spec, client)
    except AssertionError:
        return list(script.errors)
    script.leftover()
    return check_expectations(case.get("expect") or {}, [result], script, begin, script.now, events)
