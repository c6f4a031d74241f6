-- The text of each QR token as issued (its Base45 characters), so its QR image can be served again.
alter table qr_tokens add column token_text text null;
