package vn.digicell.platform.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The configuration slice tests of this module boot from. */
@SpringBootApplication
class WebTestApplication {}
