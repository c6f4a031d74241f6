-- QR settlement reads the QR charges posted since its last pass: a partial index keeps that read small
-- however large the ledger grows.
create index ledger_transfers_qr_posted on ledger_transfers (posted_at) where kind = 'qr_charge';
