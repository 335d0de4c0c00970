"""The core of Kanun: instruments, versions, provisions, and the text work on them."""
