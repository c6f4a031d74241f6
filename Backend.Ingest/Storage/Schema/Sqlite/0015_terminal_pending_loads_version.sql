-- The pending-load list version each terminal says it holds (its status carries it, docs/pending-loads.md), kept
-- beside the fare table, blacklist and key versions so that the fleet pages show whether a bus has the latest list.
-- Rows of terminals that have not reported since read 0, as a terminal holding no list reports.
alter table terminal_status add column pending_loads_version bigint not null default 0;
