# Generated from _async_client.py by tools/unasync.py: edit _async_client.py, not this file.
"""The sync client: :class:`Client`, its resource namespaces (named as the Harvest docs name
them) and the workflows Harvest makes multi-step.
"""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar, Union, cast

from . import _core
from ._ahead import Ahead
from ._driver import Sleep, drive
from ._common import OAuthSettings, Tokens, UninvoicedPreview, client_options, params_of
from ._core import Page
from ._steps import Clock, wall_clock_ms
from ._transport import DEFAULT_TIMEOUT, Transport, sync_transport
from .errors import InvalidInputError
from .models import (
    Accounts,
    BillableRate,
    Client as ClientModel,
    Company,
    Contact,
    CostRate,
    Estimate,
    EstimateItemCategory,
    EstimateMessage,
    Expense,
    ExpenseCategory,
    ExpenseReportsResult,
    Invoice,
    InvoiceItemCategory,
    InvoiceMessage,
    InvoiceMessageSubjectAndBody,
    InvoicePayment,
    Project,
    ProjectAssignment,
    ProjectBudgetReportResult,
    Role,
    Task,
    TaskAssignment,
    Teammate,
    TeammatesPatchResponse,
    TimeEntry,
    TimeReportsResult,
    UninvoicedReportResult,
    User,
    UserAssignment,
)

M = TypeVar("M")
T = TypeVar("T")

# A page that took this long to arrive is worth fetching ahead: over loopback, where a page of 100
# comes in about 2 ms, handing the fetch to another thread and back costs more than it saves.
READ_AHEAD_AFTER_MS = 5


class Pages(Generic[M]):
    """The pages of a list, fetched lazily (``for page in ...``).

    Once a second page is asked for, if pages take a while to arrive (5 ms or more, as over any
    real network), each page is fetched while the caller works through the one before; reading
    one page, or the first item, costs one request. ``position`` is where the walk stands, as
    JSON text: pass it as ``resume=`` to the same ``list`` method to continue later, in this
    process or another one.
    """

    def __init__(self, client: Client, paginator: Any) -> None:
        self._client = client
        self._paginator = paginator
        self._finished = False
        self._asked = 0
        self._ahead: Optional[Ahead] = None
        self._ahead_from = ""
        self._slow = False

    @property
    def position(self) -> str:
        """The next page not yet handed out (JSON text, a few hundred bytes)."""
        if self._ahead is not None:
            return self._ahead_from
        return cast(str, self._paginator.position())

    def __iter__(self) -> Pages[M]:
        return self

    def __next__(self) -> Page[M]:
        if self._finished:
            raise StopIteration
        self._asked += 1
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            page = ahead.result()
        else:
            asked_at = wall_clock_ms()
            page = self._client._drive(self._paginator)
            self._slow = wall_clock_ms() - asked_at >= READ_AHEAD_AFTER_MS
        if page is None:
            self._finished = True
            raise StopIteration
        if self._asked > 1 and self._slow and page.next_url is not None:
            self._ahead_from = cast(str, self._paginator.position())
            # The fetch holds the client and the paginator, not this walk: a walk the caller
            # drops is collected at once, and stops its fetch where it can.
            client, paginator = self._client, self._paginator
            self._ahead = Ahead(lambda: client._drive(paginator))
        return cast("Page[M]", page)

    def __del__(self) -> None:
        if self._ahead is not None:
            self._ahead.cancel()


class Items(Generic[M]):
    """The items of a list across its pages, fetched lazily (``for item in ...``).

    ``pages()`` walks the same list page by page instead; ``position`` is the page after the one
    being read, to pass as ``resume=`` later.
    """

    def __init__(self, client: Client, paginator: Any) -> None:
        self._pages: Pages[M] = Pages(client, paginator)
        self._current: Iterator[M] = iter(())
        self._started = False

    @property
    def position(self) -> str:
        """Where the walk stands: the next page not yet fetched (JSON text)."""
        return self._pages.position

    def pages(self) -> Pages[M]:
        """The same list, page by page (before any item was read)."""
        if self._started:
            raise InvalidInputError("pages() is for a list whose items were not read yet")
        return self._pages

    def __iter__(self) -> Items[M]:
        return self

    def __next__(self) -> M:
        self._started = True
        while True:
            for item in self._current:
                return item
            page = self._pages.__next__()
            self._current = iter(page.items)

    def all(self) -> List[M]:
        """Every item of every page, in a list."""
        return [item for item in self]


class Client:
    """A Harvest client without asyncio. Calls made concurrently (``threads``) share its rate
    limiter and OAuth tokens.

    ``account_id``, ``access_token`` (a personal access token, or an OAuth access token with
    ``oauth=``) and ``user_agent`` (your app's name and a contact: Harvest requires it).
    ``base_url`` points at the sandbox in tests. ``transport``: an ``httpx.Client``, an
    :class:`~harvest_sdk.Transport`, or a callable ``(method, url, headers, body) -> (status,
    headers, body)``; by default httpx when installed, else urllib. ``retry`` and
    ``rate_limits`` override the core's policies (``{"max_attempts": 3}``, ``{"enabled": False}``).
    ``clock`` (epoch ms) and ``sleep`` are injectable for tests.
    """

    def __init__(
        self,
        account_id: Optional[int] = None,
        access_token: str = "",
        user_agent: str = "",
        *,
        base_url: Optional[str] = None,
        id_base_url: Optional[str] = None,
        transport: Any = None,
        timeout: float = DEFAULT_TIMEOUT,
        retry: Optional[Mapping[str, int]] = None,
        rate_limits: Optional[Mapping[str, Any]] = None,
        oauth: Optional[OAuthSettings] = None,
        tokens: Optional[Tokens] = None,
        on_tokens_refreshed: Optional[Callable[[Tokens], None]] = None,
        clock: Optional[Clock] = None,
        sleep: Optional[Sleep] = None,
    ) -> None:
        options = client_options(
            account_id=account_id,
            access_token=access_token,
            user_agent=user_agent,
            base_url=base_url,
            id_base_url=id_base_url,
            retry=retry,
            rate_limits=rate_limits,
            oauth=oauth,
            tokens=tokens,
        )
        self._setup(_core.CoreClient(options), sync_transport(transport, timeout), on_tokens_refreshed, clock, sleep)

    @classmethod
    def from_options(
        cls,
        options: Mapping[str, Any],
        *,
        transport: Any = None,
        timeout: float = DEFAULT_TIMEOUT,
        on_tokens_refreshed: Optional[Callable[[Tokens], None]] = None,
        clock: Optional[Clock] = None,
        sleep: Optional[Sleep] = None,
    ) -> Client:
        """A client from the core's ``ClientOptions`` as a dict (the conformance cases' ``config``)."""
        client = cls.__new__(cls)
        client._setup(_core.CoreClient(dict(options)), sync_transport(transport, timeout), on_tokens_refreshed, clock, sleep)
        return client

    def _setup(
        self,
        core: Any,
        transport: Transport,
        on_tokens_refreshed: Optional[Callable[[Tokens], None]],
        clock: Optional[Clock],
        sleep: Optional[Sleep],
    ) -> None:
        self._core = core
        self._transport = transport
        self._on_tokens_refreshed = on_tokens_refreshed
        self._clock: Clock = clock or wall_clock_ms
        self._sleep: Sleep = sleep or time.sleep
        self.clients: Clients = Clients(self)
        self.contacts: Contacts = Contacts(self)
        self.company: CompanyNamespace = CompanyNamespace(self)
        self.estimates: Estimates = Estimates(self)
        self.expenses: Expenses = Expenses(self)
        self.invoices: Invoices = Invoices(self)
        self.projects: Projects = Projects(self)
        self.task_assignments: TaskAssignments = TaskAssignments(self)
        self.user_assignments: UserAssignments = UserAssignments(self)
        self.reports: Reports = Reports(self)
        self.roles: Roles = Roles(self)
        self.tasks: Tasks = Tasks(self)
        self.time_entries: TimeEntries = TimeEntries(self)
        self.users: Users = Users(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._core.base_url!r}, account_id={self._core.account_id!r})"

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the transport if the client created it."""
        self._transport.close()

    @property
    def account_id(self) -> Optional[int]:
        """The Harvest account id requests go to."""
        return cast(Optional[int], self._core.account_id)

    @account_id.setter
    def account_id(self, value: int) -> None:
        self._core.set_account_id(value)

    @property
    def tokens(self) -> Optional[Tokens]:
        """The current OAuth tokens (``None`` with a personal access token)."""
        current = self._core.tokens()
        return Tokens(*current) if current is not None else None

    def set_tokens(self, tokens: Tokens) -> None:
        """Replaces the OAuth tokens (after the user signed in again)."""
        self._core.set_tokens(tokens.access_token, tokens.refresh_token, tokens.expires_at_ms, tokens.scope)

    def _drive(self, machine: Any) -> Any:
        try:
            return drive(machine, self._transport, self._clock, self._sleep)
        finally:
            for _kind, tokens in self._core.take_events():
                if self._on_tokens_refreshed is not None:
                    self._on_tokens_refreshed(Tokens(*tokens))

    def _one(self, kind: Type[T], operation_id: str, ids: Tuple[int, ...], params: Optional[Dict[str, Any]] = None) -> T:
        return cast(T, self._drive(self._core.call(operation_id, ids, params)))

    def _none(self, operation_id: str, ids: Tuple[int, ...]) -> None:
        self._drive(self._core.call(operation_id, ids))

    def _items(self, kind: Type[M], operation_id: str, ids: Tuple[int, ...], filters: Dict[str, Any], resume: Optional[str]) -> Items[M]:
        if resume is not None:
            if filters:
                raise InvalidInputError("resume= continues a saved walk with its own filters: pass no other filters")
            return Items(self, self._core.resume(resume))
        return Items(self, self._core.paginate(operation_id, ids, params_of(filters)))

    def request(self, operation_id: str, *path_ids: int, **params: Any) -> Any:
        """Any operation by its OpenAPI ``operationId``, path ids in order, parameters as keywords:
        the decoded :class:`~harvest_sdk.Model`, :class:`~harvest_sdk.Page` or delete body."""
        return self._drive(self._core.call(operation_id, path_ids, params_of(params)))

    def paginate(self, operation_id: str, *path_ids: int, resume: Optional[str] = None, **filters: Any) -> Items[Any]:
        """Any list operation by its ``operationId``, lazily across pages."""
        return self._items(object, operation_id, path_ids, filters, resume)

    # -- workflows -------------------------------------------------------------------------------

    def preview_uninvoiced(self, client_id: int, from_: date, to: date, project_ids: Sequence[int] = ()) -> UninvoicedPreview:
        """What :meth:`invoice_from_tracked_time` would bill: the uninvoiced report for the client's
        projects (all of them when ``project_ids`` is empty) between ``from_`` and ``to``."""
        rows: List[UninvoicedReportResult] = []
        for row in self.reports.uninvoiced(from_=from_, to=to):
            if row.client_id == client_id and (not project_ids or row.project_id in project_ids):
                rows.append(row)

        def total(values: Sequence[Optional[Decimal]]) -> Decimal:
            return sum((v for v in values if v is not None), Decimal(0))

        return UninvoicedPreview(
            client_id=client_id,
            from_=from_,
            to=to,
            projects=rows,
            hours=total([r.uninvoiced_hours for r in rows]),
            expenses=total([r.uninvoiced_expenses for r in rows]),
            amount=total([r.uninvoiced_amount for r in rows]),
            currency=next((r.currency for r in rows if r.currency), None),
        )

    def invoice_from_tracked_time(self, client_id: int, from_: date, to: date, project_ids: Sequence[int] = (), **invoice: Any) -> Invoice:
        """Creates a draft invoice whose lines Harvest imports from the tracked time of
        ``project_ids`` between ``from_`` and ``to`` (one line per project); that time becomes
        billed. Without ``project_ids``, the client's projects with uninvoiced hours are used, and
        nothing is created if there are none. Other keywords (``subject``, ``payment_term``, ...)
        go to the invoice."""
        ids = list(project_ids)
        if not ids:
            ids = (self.preview_uninvoiced(client_id, from_, to)).project_ids
            if not ids:
                raise InvalidInputError(f"client {client_id} has no uninvoiced hours between {from_} and {to}")
        line_items_import = {"project_ids": ids, "time": {"summary_type": "project", "from": from_, "to": to}}
        return self.invoices.create(client_id=client_id, line_items_import=line_items_import, **invoice)

    def mark_invoice_sent(self, invoice_id: int) -> InvoiceMessage:
        """Marks a draft invoice as sent without emailing anyone (a message with ``event_type``
        ``send``; a message without it would email the client)."""
        return self.invoices.messages.create(invoice_id, event_type="send")

    def send_invoice(self, invoice_id: int, recipients: Sequence[Union[str, Mapping[str, str]]], **message: Any) -> InvoiceMessage:
        """Emails the invoice (PDF attached) to ``recipients`` (emails, or ``{"name", "email"}``
        dicts) with Harvest's default subject and body unless given; this also marks it sent."""
        if not recipients:
            raise InvalidInputError("an invoice is sent to at least one recipient")
        people = [{"email": r} if isinstance(r, str) else dict(r) for r in recipients]
        message.setdefault("attach_pdf", True)
        return self.invoices.messages.create(invoice_id, recipients=people, **message)

    def record_payment(self, invoice_id: int, amount: Decimal, paid_date: Optional[date] = None, **payment: Any) -> InvoicePayment:
        """Records a payment on an invoice, without the thank-you email Harvest would otherwise send
        when it settles the invoice (pass ``send_thank_you=True`` to send it)."""
        if Decimal(amount) <= 0:
            raise InvalidInputError(f"a payment amount must be positive, not {amount}")
        payment.setdefault("send_thank_you", False)
        if paid_date is not None:
            payment["paid_date"] = paid_date
        return self.invoices.payments.create(invoice_id, amount=amount, **payment)

    def log_time(self, project_id: int, task_id: int, spent_date: date, hours: Decimal, **entry: Any) -> TimeEntry:
        """Logs ``hours`` on a project's task for a day, as the token's user (``notes=``,
        ``user_id=``, ``external_reference=`` as keywords)."""
        if Decimal(hours) <= 0:
            raise InvalidInputError(f"hours must be positive, not {hours}")
        return self.time_entries.create(project_id=project_id, task_id=task_id, spent_date=spent_date, hours=hours, **entry)

    def start_timer(self, project_id: int, task_id: int, spent_date: Optional[date] = None, **entry: Any) -> TimeEntry:
        """Starts a timer on a project's task (today by default), as the token's user; Harvest
        stops the user's other running timer."""
        day = spent_date or date.today()
        return self.time_entries.create(project_id=project_id, task_id=task_id, spent_date=day, **entry)

    def stop_running_timer(self) -> Optional[TimeEntry]:
        """Stops the token's user's running timer: the stopped entry, ``None`` if none was running."""
        me = self.users.me()
        stopped: Optional[TimeEntry] = None
        for entry in self.time_entries.list(user_id=me.id, is_running=True):
            entry = self.time_entries.stop(entry.id)
            stopped = stopped or entry
        return stopped

    def accounts(self) -> Accounts:
        """The user and the accounts the token reaches (on Harvest ID; no account id needed)."""
        return self._one(Accounts, "listAccounts", ())


class _Namespace:
    __slots__ = ("_client",)

    def __init__(self, client: Client) -> None:
        self._client = client


class _Crud(_Namespace, Generic[M]):
    """``list``, ``get``, ``create``, ``update``, ``delete`` of one resource."""

    _kind: Type[M]
    _list: str
    _get: str
    _create: str
    _update: str
    _delete: str

    def list(self, *, resume: Optional[str] = None, **filters: Any) -> Items[M]:
        """Lazily, across pages; filters as keywords (``from_`` for ``from``)."""
        return self._client._items(self._kind, self._list, (), filters, resume)

    def get(self, id: int) -> M:
        """One object by id."""
        return self._client._one(self._kind, self._get, (id,))

    def create(self, **fields: Any) -> M:
        """Creates one; fields as keywords."""
        return self._client._one(self._kind, self._create, (), params_of(fields))

    def update(self, id: int, **fields: Any) -> M:
        """Changes the fields given as keywords."""
        return self._client._one(self._kind, self._update, (id,), params_of(fields))

    def delete(self, id: int) -> None:
        """Deletes one."""
        self._client._none(self._delete, (id,))


class Clients(_Crud[ClientModel]):
    """Clients: https://help.getharvest.com/api-v2/clients-api/clients/clients/"""

    _kind, _list, _get, _create, _update, _delete = ClientModel, "listClients", "retrieveClient", "createClient", "updateClient", "deleteClient"


class Contacts(_Crud[Contact]):
    """Client contacts: https://help.getharvest.com/api-v2/clients-api/clients/contacts/"""

    _kind, _list, _get, _create, _update, _delete = Contact, "listContacts", "retrieveContact", "createContact", "updateContact", "deleteContact"


class CompanyNamespace(_Namespace):
    """The company (account settings): https://help.getharvest.com/api-v2/company-api/company/company/"""

    def get(self) -> Company:
        """The company of the account."""
        return self._client._one(Company, "retrieveCompany", ())

    def update(self, **fields: Any) -> Company:
        """Changes the company's settings."""
        return self._client._one(Company, "updateCompany", (), params_of(fields))


class EstimateItemCategories(_Crud[EstimateItemCategory]):
    """Estimate item categories: https://help.getharvest.com/api-v2/estimates-api/estimates/estimate-item-categories/"""

    _kind, _list, _get = EstimateItemCategory, "listEstimateItemCategories", "retrieveEstimateItemCategory"
    _create, _update, _delete = "createEstimateItemCategory", "updateEstimateItemCategory", "deleteEstimateItemCategory"


class EstimateMessages(_Namespace):
    """Estimate messages: https://help.getharvest.com/api-v2/estimates-api/estimates/estimate-messages/"""

    def list(self, estimate_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[EstimateMessage]:
        """The messages of an estimate, lazily."""
        return self._client._items(EstimateMessage, "listMessagesForEstimate", (estimate_id,), filters, resume)

    def create(self, estimate_id: int, **fields: Any) -> EstimateMessage:
        """Sends an estimate or changes its state (``event_type``)."""
        return self._client._one(EstimateMessage, "createEstimateMessage", (estimate_id,), params_of(fields))

    def delete(self, estimate_id: int, message_id: int) -> None:
        """Deletes a message."""
        self._client._none("deleteEstimateMessage", (estimate_id, message_id))


class Estimates(_Crud[Estimate]):
    """Estimates: https://help.getharvest.com/api-v2/estimates-api/estimates/estimates/"""

    _kind, _list, _get, _create, _update, _delete = Estimate, "listEstimates", "retrieveEstimate", "createEstimate", "updateEstimate", "deleteEstimate"

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self.messages: EstimateMessages = EstimateMessages(client)
        self.item_categories: EstimateItemCategories = EstimateItemCategories(client)


class ExpenseCategories(_Crud[ExpenseCategory]):
    """Expense categories: https://help.getharvest.com/api-v2/expenses-api/expenses/expense-categories/"""

    _kind, _list, _get = ExpenseCategory, "listExpenseCategories", "retrieveExpenseCategory"
    _create, _update, _delete = "createExpenseCategory", "updateExpenseCategory", "deleteExpenseCategory"


class Expenses(_Crud[Expense]):
    """Expenses: https://help.getharvest.com/api-v2/expenses-api/expenses/expenses/"""

    _kind, _list, _get, _create, _update, _delete = Expense, "listExpenses", "retrieveExpense", "createExpense", "updateExpense", "deleteExpense"

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self.categories: ExpenseCategories = ExpenseCategories(client)


class InvoiceItemCategories(_Crud[InvoiceItemCategory]):
    """Invoice item categories: https://help.getharvest.com/api-v2/invoices-api/invoices/invoice-item-categories/"""

    _kind, _list, _get = InvoiceItemCategory, "listInvoiceItemCategories", "retrieveInvoiceItemCategory"
    _create, _update, _delete = "createInvoiceItemCategory", "updateInvoiceItemCategory", "deleteInvoiceItemCategory"


class InvoiceMessages(_Namespace):
    """Invoice messages: https://help.getharvest.com/api-v2/invoices-api/invoices/invoice-messages/"""

    def list(self, invoice_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[InvoiceMessage]:
        """The messages of an invoice, lazily."""
        return self._client._items(InvoiceMessage, "listMessagesForInvoice", (invoice_id,), filters, resume)

    def create(self, invoice_id: int, **fields: Any) -> InvoiceMessage:
        """Emails an invoice, or with ``event_type`` changes its state without an email."""
        return self._client._one(InvoiceMessage, "createInvoiceMessage", (invoice_id,), params_of(fields))

    def template(self, invoice_id: int, **params: Any) -> InvoiceMessageSubjectAndBody:
        """The subject and body Harvest would use for a message (``thank_you=True``, ``reminder=True``)."""
        operation = "retrieveInvoiceMessageSubjectAndBodyForSpecificInvoice"
        return self._client._one(InvoiceMessageSubjectAndBody, operation, (invoice_id,), params_of(params))

    def delete(self, invoice_id: int, message_id: int) -> None:
        """Deletes a message."""
        self._client._none("deleteInvoiceMessage", (invoice_id, message_id))


class InvoicePayments(_Namespace):
    """Invoice payments: https://help.getharvest.com/api-v2/invoices-api/invoices/invoice-payments/"""

    def list(self, invoice_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[InvoicePayment]:
        """The payments of an invoice, lazily."""
        return self._client._items(InvoicePayment, "listPaymentsForInvoice", (invoice_id,), filters, resume)

    def create(self, invoice_id: int, **fields: Any) -> InvoicePayment:
        """Records a payment (``amount``, ``paid_date``, ``notes``, ``send_thank_you``)."""
        return self._client._one(InvoicePayment, "createInvoicePayment", (invoice_id,), params_of(fields))

    def delete(self, invoice_id: int, payment_id: int) -> None:
        """Deletes a payment."""
        self._client._none("deleteInvoicePayment", (invoice_id, payment_id))


class Invoices(_Crud[Invoice]):
    """Invoices: https://help.getharvest.com/api-v2/invoices-api/invoices/invoices/"""

    _kind, _list, _get, _create, _update, _delete = Invoice, "listInvoices", "retrieveInvoice", "createInvoice", "updateInvoice", "deleteInvoice"

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self.messages: InvoiceMessages = InvoiceMessages(client)
        self.payments: InvoicePayments = InvoicePayments(client)
        self.item_categories: InvoiceItemCategories = InvoiceItemCategories(client)


class Projects(_Crud[Project]):
    """Projects: https://help.getharvest.com/api-v2/projects-api/projects/projects/"""

    _kind, _list, _get, _create, _update, _delete = Project, "listProjects", "retrieveProject", "createProject", "updateProject", "deleteProject"


class _Assignments(_Namespace, Generic[M]):
    """Assignments to projects: of every project (``list``), or of one (``list_for_project``)."""

    _kind: Type[M]
    _name: str

    def list(self, *, resume: Optional[str] = None, **filters: Any) -> Items[M]:
        """The assignments of every active project, lazily."""
        return self._client._items(self._kind, f"list{self._name}s", (), filters, resume)

    def list_for_project(self, project_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[M]:
        """The assignments of one project, lazily."""
        return self._client._items(self._kind, f"list{self._name}sForSpecificProject", (project_id,), filters, resume)

    def get(self, project_id: int, assignment_id: int) -> M:
        """One assignment."""
        return self._client._one(self._kind, f"retrieve{self._name}", (project_id, assignment_id))

    def create(self, project_id: int, **fields: Any) -> M:
        """Assigns to a project."""
        return self._client._one(self._kind, f"create{self._name}", (project_id,), params_of(fields))

    def update(self, project_id: int, assignment_id: int, **fields: Any) -> M:
        """Changes an assignment."""
        return self._client._one(self._kind, f"update{self._name}", (project_id, assignment_id), params_of(fields))

    def delete(self, project_id: int, assignment_id: int) -> None:
        """Removes an assignment."""
        self._client._none(f"delete{self._name}", (project_id, assignment_id))


class TaskAssignments(_Assignments[TaskAssignment]):
    """Task assignments: https://help.getharvest.com/api-v2/projects-api/projects/task-assignments/"""

    _kind, _name = TaskAssignment, "TaskAssignment"


class UserAssignments(_Assignments[UserAssignment]):
    """User assignments: https://help.getharvest.com/api-v2/projects-api/projects/user-assignments/"""

    _kind, _name = UserAssignment, "UserAssignment"


class Reports(_Namespace):
    """Reports: https://help.getharvest.com/api-v2/reports-api/reports/ (``from_`` and ``to`` as
    dates; Harvest allows 100 report requests per 15 minutes, which the client respects)."""

    def uninvoiced(self, *, resume: Optional[str] = None, **filters: Any) -> Items[UninvoicedReportResult]:
        """Uninvoiced time and expenses per project."""
        return self._client._items(UninvoicedReportResult, "uninvoicedReport", (), filters, resume)

    def project_budget(self, *, resume: Optional[str] = None, **filters: Any) -> Items[ProjectBudgetReportResult]:
        """Budget spent and remaining per project."""
        return self._client._items(ProjectBudgetReportResult, "projectBudgetReport", (), filters, resume)

    def time_by_client(self, *, resume: Optional[str] = None, **filters: Any) -> Items[TimeReportsResult]:
        """Tracked time per client."""
        return self._client._items(TimeReportsResult, "clientsTimeReport", (), filters, resume)

    def time_by_project(self, *, resume: Optional[str] = None, **filters: Any) -> Items[TimeReportsResult]:
        """Tracked time per project."""
        return self._client._items(TimeReportsResult, "projectsTimeReport", (), filters, resume)

    def time_by_task(self, *, resume: Optional[str] = None, **filters: Any) -> Items[TimeReportsResult]:
        """Tracked time per task."""
        return self._client._items(TimeReportsResult, "tasksReport", (), filters, resume)

    def time_by_team(self, *, resume: Optional[str] = None, **filters: Any) -> Items[TimeReportsResult]:
        """Tracked time per user."""
        return self._client._items(TimeReportsResult, "teamTimeReport", (), filters, resume)

    def expenses_by_category(self, *, resume: Optional[str] = None, **filters: Any) -> Items[ExpenseReportsResult]:
        """Expenses per category."""
        return self._client._items(ExpenseReportsResult, "expenseCategoriesReport", (), filters, resume)

    def expenses_by_client(self, *, resume: Optional[str] = None, **filters: Any) -> Items[ExpenseReportsResult]:
        """Expenses per client."""
        return self._client._items(ExpenseReportsResult, "clientsExpensesReport", (), filters, resume)

    def expenses_by_project(self, *, resume: Optional[str] = None, **filters: Any) -> Items[ExpenseReportsResult]:
        """Expenses per project."""
        return self._client._items(ExpenseReportsResult, "projectsExpensesReport", (), filters, resume)

    def expenses_by_team(self, *, resume: Optional[str] = None, **filters: Any) -> Items[ExpenseReportsResult]:
        """Expenses per user."""
        return self._client._items(ExpenseReportsResult, "teamExpensesReport", (), filters, resume)


class Roles(_Crud[Role]):
    """Roles: https://help.getharvest.com/api-v2/roles-api/roles/roles/"""

    _kind, _list, _get, _create, _update, _delete = Role, "listRoles", "retrieveRole", "createRole", "updateRole", "deleteRole"


class Tasks(_Crud[Task]):
    """Tasks: https://help.getharvest.com/api-v2/tasks-api/tasks/tasks/"""

    _kind, _list, _get, _create, _update, _delete = Task, "listTasks", "retrieveTask", "createTask", "updateTask", "deleteTask"


class TimeEntries(_Crud[TimeEntry]):
    """Time entries: https://help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries/

    A ``create`` with an ``external_reference`` whose answer was lost is looked up instead of
    being repeated, so it is never created twice."""

    _kind, _list, _get = TimeEntry, "listTimeEntries", "retrieveTimeEntry"
    _create, _update, _delete = "createTimeEntry", "updateTimeEntry", "deleteTimeEntry"

    def stop(self, id: int) -> TimeEntry:
        """Stops a running timer."""
        return self._client._one(TimeEntry, "stopRunningTimeEntry", (id,))

    def restart(self, id: int) -> TimeEntry:
        """Restarts a stopped timer."""
        return self._client._one(TimeEntry, "restartStoppedTimeEntry", (id,))

    def delete_external_reference(self, id: int) -> None:
        """Removes an entry's external reference."""
        self._client._none("deleteTimeEntryExternalReference", (id,))


class BillableRates(_Namespace):
    """Billable rates of a user: https://help.getharvest.com/api-v2/users-api/users/billable-rates/"""

    def list(self, user_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[BillableRate]:
        """A user's billable rates, lazily."""
        return self._client._items(BillableRate, "listBillableRatesForSpecificUser", (user_id,), filters, resume)

    def get(self, user_id: int, rate_id: int) -> BillableRate:
        """One billable rate."""
        return self._client._one(BillableRate, "retrieveBillableRate", (user_id, rate_id))

    def create(self, user_id: int, **fields: Any) -> BillableRate:
        """Adds a billable rate (``amount``, ``start_date``)."""
        return self._client._one(BillableRate, "createBillableRate", (user_id,), params_of(fields))


class CostRates(_Namespace):
    """Cost rates of a user: https://help.getharvest.com/api-v2/users-api/users/cost-rates/"""

    def list(self, user_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[CostRate]:
        """A user's cost rates, lazily."""
        return self._client._items(CostRate, "listCostRatesForSpecificUser", (user_id,), filters, resume)

    def get(self, user_id: int, rate_id: int) -> CostRate:
        """One cost rate."""
        return self._client._one(CostRate, "retrieveCostRate", (user_id, rate_id))

    def create(self, user_id: int, **fields: Any) -> CostRate:
        """Adds a cost rate (``amount``, ``start_date``)."""
        return self._client._one(CostRate, "createCostRate", (user_id,), params_of(fields))


class Users(_Crud[User]):
    """Users: https://help.getharvest.com/api-v2/users-api/users/users/"""

    _kind, _list, _get, _create, _update, _delete = User, "listUsers", "retrieveUser", "createUser", "updateUser", "deleteUser"

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self.billable_rates: BillableRates = BillableRates(client)
        self.cost_rates: CostRates = CostRates(client)

    def me(self) -> User:
        """The user the token belongs to."""
        return self._client._one(User, "retrieveTheCurrentlyAuthenticatedUser", ())

    def my_project_assignments(self, *, resume: Optional[str] = None, **filters: Any) -> Items[ProjectAssignment]:
        """The token's user's active project assignments, lazily."""
        operation = "listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser"
        return self._client._items(ProjectAssignment, operation, (), filters, resume)

    def project_assignments(self, user_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[ProjectAssignment]:
        """A user's active project assignments, lazily."""
        return self._client._items(ProjectAssignment, "listActiveProjectAssignments", (user_id,), filters, resume)

    def teammates(self, user_id: int, *, resume: Optional[str] = None, **filters: Any) -> Items[Teammate]:
        """The teammates a manager is assigned, lazily."""
        return self._client._items(Teammate, "listAssignedTeammatesForSpecificUser", (user_id,), filters, resume)

    def update_teammates(self, user_id: int, **fields: Any) -> TeammatesPatchResponse:
        """Replaces a manager's teammates (``teammate_ids``)."""
        return self._client._one(TeammatesPatchResponse, "updateUserAssignedTeammates", (user_id,), params_of(fields))
