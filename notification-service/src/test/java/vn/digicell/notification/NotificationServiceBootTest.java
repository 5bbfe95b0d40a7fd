package vn.digicell.notification;

import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.ServiceBootContract;

@DigiCellIntegrationTest
class NotificationServiceBootTest extends ServiceBootContract {}
