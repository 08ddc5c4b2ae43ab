"""Runs scim2-tester (pinned in scripts/setup.sh) against a Schakel SCIM endpoint.

Usage: .tools/bin/python scripts/scim-conformance.py <base-url> <bearer-token>

Runs the discovery, CRUD and PATCH checks for the User resource, prints one line per check and
exits non-zero when any check reports an error.
"""

import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

FAILING = {Status.ERROR, Status.CRITICAL}


def main(base_url: str, token: str) -> int:
    http = Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    results = check_server(
        SyncSCIMClient(http),
        include_tags={"discovery", "crud", "patch"},
        resource_types=["User"],
    )
    for result in results:
        print(f"{result.status.name:<10} {result.title}: {result.reason or ''}".strip())
    failures = [result for result in results if result.status in FAILING]
    print(f"{len(results)} checks, {len(failures)} failing")
    return 1 if failures or not results else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
