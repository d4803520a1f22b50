# Money in Simplified Chinese as mainland financial statements write it: groups of three
# with a comma (¥1,234,567.89). Django's zh_Hans has no separator and groups of four,
# which would print ¥1234567.89. Only the `g` of floatformat groups: other numbers are as
# they were. Everything not set here falls back to Django's zh_Hans formats.
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
