package vn.digicell.member;

import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.ServiceBootContract;

@DigiCellIntegrationTest
class MemberServiceBootTest extends ServiceBootContract {}
