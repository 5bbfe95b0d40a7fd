// Run once through mongos after the sharded cluster is up (mongosh "$MONGOS_URI" shard-zones.js).
// What is sharded, on what, and why: docs/adr/0012-what-the-national-cluster-shards.md and
// docs/sizing.md §5. deploy/checks ShardPlanTest reads this file: every unique index of a sharded
// collection must start with its shard key (MongoDB refuses shardCollection otherwise), and every
// shard key field must be a field of the collection's documents.
//
// The shard key of each large collection. Everything else stays on its database's primary shard,
// notably the member register (members, 32 GB in year 1, with its unique party numbers and citizen
// ids) and meeting_packs (unique pack codes): one replica set holds them, and their uniqueness is
// a real unique index.
const shardKeys = {
  // a province's meetings and documents in one key range, pinned to a shard by the zones below
  "digicell-meeting.meetings": { orgPath: 1, _id: 1 },
  "digicell-meeting.minutes": { orgPath: 1, _id: 1 },
  "digicell-meeting.motions": { orgPath: 1, _id: 1 },
  "digicell-document.documents": { orgPath: 1, _id: 1 },
  "digicell-document.read_receipts": { orgPath: 1, _id: 1 },
  "digicell-document.archive_records": { orgPath: 1, _id: 1 },
  // GridFS content, three quarters of all data: by file and chunk number, as MongoDB documents for
  // GridFS (the driver's unique index { files_id: 1, n: 1 } starts with it)
  "digicell-document.fs.chunks": { files_id: 1, n: 1 },
  // an inbox is read by its recipient: each member's notices sit in one key range of one shard
  "digicell-notification.notices": { recipientMemberId: 1, _id: 1 },
  // deliveries are written far more than read and have no better key
  "digicell-notification.deliveries": { _id: "hashed" },
};

// Zones pin groups of provinces to shards so that each shard holds about a sixth of the members
// (docs/sizing.md §5: Hà Nội ≈ 9 %, TP. Hồ Chí Minh ≈ 6 %, the 32 others ≈ 2.66 % each on average;
// each group below ≈ 16-19 %). The codes are the province org units' codes in member-service (AG
// in /AG/VB/C07): adjust them to your org tree. Rebalance by moving a province's range to another
// zone, never by changing the key.
const zones = {
  rs0: ["HN", "NA", "HT", "QT"],             // Hà Nội + 3 ≈ 17.0 %
  rs1: ["HCM", "HUE", "CT", "AG", "VL"],     // TP. Hồ Chí Minh + 4 ≈ 16.6 %
  rs2: ["HP", "QNI", "BN", "HY", "NB", "TH"], // ≈ 16.0 %
  rs3: ["DN", "QNG", "GL", "DL", "KH", "LD"], // ≈ 16.0 %
  rs4: ["DT", "CM", "TN", "DNA", "LCI", "TQ"], // ≈ 16.0 %
  rs5: ["CB", "LCH", "DB", "SL", "PT", "TNG", "LS"], // ≈ 18.6 %
};

for (const [namespace, key] of Object.entries(shardKeys)) {
  sh.enableSharding(namespace.substring(0, namespace.indexOf(".")));
  sh.shardCollection(namespace, key);
}
for (const [shard, provinces] of Object.entries(zones)) {
  sh.addShardToZone(shard, `zone-${shard}`);
  for (const code of provinces) {
    for (const [namespace, key] of Object.entries(shardKeys)) {
      if (Object.keys(key)[0] !== "orgPath") {
        continue; // zones are ranges of org paths
      }
      // "/HN/" up to "/HN0": every path under the province, nothing of another
      sh.updateZoneKeyRange(namespace,
        { orgPath: `/${code}/`, _id: MinKey }, { orgPath: `/${code}0`, _id: MinKey }, `zone-${shard}`);
    }
  }
}
