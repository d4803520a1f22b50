"""Page-numbered lists (?page=, ?page_size= up to 200), each ordered by id, so a page holds
the same rows however often it is asked while nothing is added."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200
