"""A headless Streamlit frontend for tests: protocol client and server runner.

- ``StubSession`` (client): one browser session over ``/_stcore/stream``.
- ``Page``, ``Element`` (tree): the page rebuilt from ForwardMsgs.
- ``StreamlitServer`` (server): a ``streamlit run`` subprocess on a free port.
- ``protocol``: what the installed release's browser sends (option indices
  or option labels, per widget), read from its protobuf descriptors.

It uses the protobuf messages of the installed ``streamlit`` wheel, so the
stub speaks exactly the wire protocol that wheel's frontend speaks.
"""

from st_stub import protocol
from st_stub.client import ProtocolError, StubSession
from st_stub.server import ServerError, StreamlitServer, free_port, streamlit_version
from st_stub.tree import Element, Page, Tree

__all__ = [
    "Element",
    "Page",
    "ProtocolError",
    "ServerError",
    "StreamlitServer",
    "StubSession",
    "Tree",
    "free_port",
    "protocol",
    "streamlit_version",
]
