// Preloaded into the load run's Azurite (NODE_OPTIONS=--require, scripts/load/run.sh). Azurite 3.35's garbage
// collection of message bodies deletes the unreferenced extents one at a time, and LokiJS rebuilds the extent
// collection's index on each delete: one sweep costs (extents deleted x all extents x log), so after the load run's
// thousands of messages one sweep held Azurite's only thread for minutes (docs/PERFORMANCE.md, "The emulator's queue").
// This deletes a sweep's extents in one batch: one index rebuild. The emulator only; Azure Storage has no such sweep.
// NODE_OPTIONS reaches every Node.js process the host starts, npm installing Azurite among them: only Azurite is patched.
"use strict";
if (/azurite/.test(process.argv[1] ?? "")) {
  patch(require("azurite/dist/src/common/persistence/MemoryExtentStore").default);
}

function patch(MemoryExtentStore) {
  MemoryExtentStore.prototype.deleteExtents = deleteExtentsInOneBatch;
}

async function deleteExtentsInOneBatch(extents) {
  const ids = new Set(extents);
  for (const id of ids) {
    this.chunks.delete(this.categoryName, id);
  }

  const metadata = this.metadataStore;
  metadata.db.getCollection(metadata.EXTENTS_COLLECTION).chain().where((extent) => ids.has(extent.id)).remove();
  return ids.size;
}
