"""The terminal application: screens call the domain and the store, they hold no rules of their own."""
