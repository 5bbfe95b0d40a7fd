package vn.digicell.document;

import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.ServiceBootContract;

@DigiCellIntegrationTest
class DocumentServiceBootTest extends ServiceBootContract {}
