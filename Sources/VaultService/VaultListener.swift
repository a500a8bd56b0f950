// The vault as its own process.
