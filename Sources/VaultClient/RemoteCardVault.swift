// The order service side of the vault.
