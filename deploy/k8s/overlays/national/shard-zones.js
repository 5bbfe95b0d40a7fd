// Run once through mongos after the sharded cluster is up (mongosh "$MONGOS_URI" shard-zones.js).
// Shard key { orgPath: 1, _id: 1 }: orgPath starts with the province code (/AG/VB/C07), so each
// province's data sits in its own key range, and zones pin groups of provinces to shards so that a
// province's members, meetings and documents live together (docs/sizing.md §5).
// The codes are the province org units' codes in member-service (AG in /AG/VB/C07): adjust them to
// your org tree. The two largest party organisations get a shard each; the others are grouped so
// the remaining four shards hold similar member counts (docs/sizing.md §5);
// rebalance by moving a province's range to another zone, never by changing the key.
const zones = {
  rs0: ["HN"],                               // Hà Nội
  rs1: ["HCM"],                              // TP. Hồ Chí Minh
  rs2: ["HP", "QNI", "BN", "HY", "NB", "TH"],
  rs3: ["NA", "HT", "QT", "HUE", "DN", "QNG", "GL", "DL", "KH", "LD"],
  rs4: ["CT", "AG", "VL", "DT", "CM", "TN", "DNA", "LCI", "TQ"],
  rs5: ["CB", "LCH", "DB", "SL", "PT", "TNG", "LS"],
};
// the large collections whose documents carry orgPath; everything else stays unsharded on its
// database's primary shard, except deliveries (no org path, high volume): hashed on _id below
const collections = {
  "digicell-member": ["members"],
  "digicell-meeting": ["meetings", "minutes", "motions"],
  "digicell-document": ["documents", "read_receipts", "meeting_packs", "archive_records"],
  "digicell-notification": ["notices"],
};
for (const [db, names] of Object.entries(collections)) {
  sh.enableSharding(db);
  for (const name of names) {
    sh.shardCollection(`${db}.${name}`, { orgPath: 1, _id: 1 });
  }
}
sh.shardCollection("digicell-notification.deliveries", { _id: "hashed" });
for (const [shard, provinces] of Object.entries(zones)) {
  sh.addShardToZone(shard, `zone-${shard}`);
  for (const code of provinces) {
    for (const [db, names] of Object.entries(collections)) {
      for (const name of names) {
        // "/HN/" up to "/HN0": every path under the province, nothing of another
        sh.updateZoneKeyRange(`${db}.${name}`,
          { orgPath: `/${code}/`, _id: MinKey }, { orgPath: `/${code}0`, _id: MinKey }, `zone-${shard}`);
      }
    }
  }
}
