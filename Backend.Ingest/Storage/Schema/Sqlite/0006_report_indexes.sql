-- Indexes for a city's volume (100 million rows): a card's history is read newest first from one index range,
-- and a day's report sums amounts by kind from the index alone, without visiting the table.
create index transactions_card_history on transactions (card_uid, recorded_at);
drop index transactions_card_uid;
create index transactions_recorded_kind_amount on transactions (recorded_at, kind, amount);
