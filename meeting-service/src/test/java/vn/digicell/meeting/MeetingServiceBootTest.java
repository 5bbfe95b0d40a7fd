package vn.digicell.meeting;

import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.ServiceBootContract;

@DigiCellIntegrationTest
class MeetingServiceBootTest extends ServiceBootContract {}
