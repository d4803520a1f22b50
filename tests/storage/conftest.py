from tests.s3_server import s3_server, s3_storage

__all__ = ["s3_server", "s3_storage"]
