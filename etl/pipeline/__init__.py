"""The build: list inputs, parse (cached), place, write one new database, swap it in."""
