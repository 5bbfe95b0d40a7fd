package vn.digicell.local;

/**
 * What the demo loader created, kept in the data dir so later starts (and the e2e suite) know it.
 *
 * @param orgUnits province, commune and cells created
 * @param members members created
 * @param secretaryMemberId the member record the {@code secretary} login is linked to (cell C07)
 * @param memberMemberId the member record the {@code member} login is linked to (cell C07)
 */
public record LoadedDemo(
    int orgUnits, int members, String secretaryMemberId, String memberMemberId) {}
