"""A whole percentage of a part, for progress bars and totals whatever app counts them."""

from decimal import Decimal


def percent(part: Decimal | int, whole: Decimal | int) -> int:
    return round(Decimal(part) * 100 / Decimal(whole)) if whole else 0
