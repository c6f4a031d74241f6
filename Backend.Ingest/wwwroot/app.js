// The operator page: polls the fare API every two seconds and redraws the fleet and the latest transactions.
"use strict";

const REFRESH_MS = 2000;
const TRANSACTION_ROWS = 50;

const KIND_LABELS = {
  CardTapAccepted: "Card fare",
  QrAccepted: "QR fare",
  Refusal: "Refused",
  CardWriteCompleted: "Card write completed",
  CardWriteAbandoned: "Card write reversed",
  TopUp: "Top-up",
  TerminalEvent: "Terminal event",
};

// Rows shown by the previous refresh: anything else is new and gets highlighted and announced.
let shownTransactions = null;

async function getJson(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (response.status === 401) {
    // The session expired: sign in again and come back here.
    location.assign(`/sign-in?ReturnUrl=${encodeURIComponent(location.pathname)}`);
  }
  if (!response.ok) {
    throw new Error(`${url} answered HTTP ${response.status}`);
  }
  return response.json();
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function orDash(value) {
  return value === null || value === undefined ? "—" : String(value);
}

function clockTime(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : "—";
}

function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString() : "—";
}

function ago(iso) {
  if (!iso) {
    return "never";
  }
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return dateTime(iso);
}

function replaceRows(tbody, rows, emptyText, columns) {
  if (rows.length === 0) {
    const row = document.createElement("tr");
    row.className = "empty";
    const td = cell(row, emptyText);
    td.colSpan = columns;
    rows = [row];
  }
  tbody.replaceChildren(...rows);
}

function renderFleet(terminals) {
  const rows = terminals.map((terminal) => {
    const row = document.createElement("tr");
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = terminal.terminalId;
    row.appendChild(name);

    const status = cell(row, terminal.online ? "Online" : "Offline");
    const dot = document.createElement("span");
    dot.className = `dot ${terminal.online ? "online" : "offline"}`;
    dot.setAttribute("aria-hidden", "true");
    status.prepend(dot);

    cell(row, orDash(terminal.firmwareVersion));
    cell(row, orDash(terminal.fareTableVersion));
    cell(row, orDash(terminal.blacklistVersion));
    cell(row, orDash(terminal.keysVersion));
    cell(row, orDash(terminal.journalBacklog), "number");
    cell(row, orDash(terminal.highWater), "number");
    cell(row, ago(terminal.lastBatchAt));
    cell(row, ago(terminal.lastSeenAt));
    return row;
  });
  replaceRows(document.getElementById("fleet-rows"), rows, "No terminal has reported yet.", 10);
}

function identity(tx) {
  if (tx.cardUid) return tx.cardUid;
  if (tx.qrAccountId !== null && tx.qrAccountId !== undefined) return `QR account ${tx.qrAccountId}`;
  return "—";
}

function renderTransactions(list) {
  const shown = new Set();
  let fresh = 0;
  const rows = list.transactions.map((tx) => {
    const key = `${tx.terminalId}:${tx.sequence}`;
    const row = document.createElement("tr");
    shown.add(key);
    if (shownTransactions && !shownTransactions.has(key)) {
      fresh += 1;
      row.className = "new";
    }
    const time = document.createElement("time");
    time.dateTime = tx.recordedAt;
    time.textContent = clockTime(tx.recordedAt);
    cell(row, "").appendChild(time);
    cell(row, String(tx.terminalId));
    cell(row, KIND_LABELS[tx.kind] || tx.kind);
    cell(row, identity(tx), "identity");
    // A refusal moved no money: its record carries a reason, not an amount or a balance.
    const refused = tx.kind === "Refusal";
    cell(row, refused ? "—" : tx.amountText, "number");
    cell(row, refused ? "—" : orDash(tx.balanceAfterText), tx.balanceAfter < 0 ? "number negative" : "number");
    return row;
  });
  replaceRows(document.getElementById("transaction-rows"), rows, "No transactions yet.", 6);

  if (fresh > 0) {
    const latest = list.transactions[0];
    document.getElementById("transactions-news").textContent =
      `${fresh} new ${fresh === 1 ? "transaction" : "transactions"}; latest: ${KIND_LABELS[latest.kind] || latest.kind} on terminal ${latest.terminalId}, ${latest.amountText}.`;
  }
  shownTransactions = shown;
}

function renderSummary(summary) {
  const items = [["Transactions", String(summary.transactions)]].concat(
    summary.byKind.map((total) => [KIND_LABELS[total.kind] || total.kind, `${total.count} · ${total.amountText}`]));
  const entries = items.map(([term, value]) => {
    const group = document.createElement("div");
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    group.append(dt, dd);
    return group;
  });
  document.getElementById("summary").replaceChildren(...entries);
}

// The connection line is a live region: it changes (and is announced) only when reachability does.
function showConnection(text, failed) {
  const connection = document.getElementById("connection");
  if (connection.textContent !== text) {
    connection.textContent = text;
  }
  connection.className = failed ? "failed" : "";
}

async function refresh() {
  try {
    const [terminals, transactions, summary] = await Promise.all([
      getJson("api/terminals"),
      getJson(`api/transactions?limit=${TRANSACTION_ROWS}`),
      getJson("api/summary"),
    ]);
    renderFleet(terminals);
    renderTransactions(transactions);
    renderSummary(summary);
    showConnection("Live.", false);
    document.getElementById("updated").textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    showConnection(`Cannot reach the backend (${error.message}); retrying every ${REFRESH_MS / 1000} s.`, true);
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
