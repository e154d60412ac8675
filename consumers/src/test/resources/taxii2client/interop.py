"""Reads a Caspian Hub TAXII collection with the OASIS client, as a partner SOC would; prints what it got as JSON."""
import json
import sys

from taxii2client.v21 import Server, as_pages

url, key = sys.argv[1], sys.argv[2]
server = Server(url, user="soc", password=key)
root = server.api_roots[0]
collections = root.collections
collection = collections[0]
paged = []
for envelope in as_pages(collection.get_objects, per_request=2):
    paged.extend(envelope.get("objects", []))
manifest = collection.get_manifest()
some = [o for o in paged if o["type"] == "indicator"][0]
one = collection.get_object(some["id"])
versions = collection.object_versions(some["id"])
print(json.dumps({
    "title": server.title,
    "collections": [c.id for c in collections],
    "can_read": collection.can_read,
    "paged_ids": [o["id"] for o in paged],
    "manifest_ids": [m["id"] for m in manifest.get("objects", [])],
    "one": [o["id"] for o in one.get("objects", [])],
    "versions": versions.get("versions", []),
}))
