-- Lost or stolen cards replaced at the desk (docs/ledger.md, "Replacing a lost or stolen card"): which card took
-- over from which, how much of the old card's ledger balance moved to it as pending loads, and why. The primary
-- key on the old card is the database's guard that a card's balance moves once, whatever the application does.
-- Times are unix milliseconds by the backend's clock; money is cents.
create table card_replacements (
    old_uid text primary key references cards (uid),
    new_uid text not null references cards (uid),
    loss text not null check (loss in ('lost', 'stolen')),
    moved bigint not null check (moved >= 0),
    replaced_at bigint not null,
    replaced_by text not null,
    reason text not null,
    check (old_uid <> new_uid));

create index card_replacements_new on card_replacements (new_uid);

-- The customer-service search (docs/customer-service-guide.md, "Find"): a passenger by the e-mail address (any
-- case) or the phone number they gave; a card by its UID or the start of it uses the primary key of cards.
create index accounts_contact_email on accounts (lower(contact_email));
create index accounts_contact_phone on accounts (contact_phone);

-- The account page's top-ups, newest first.
create index payments_account on payments (account_id, created_at);
