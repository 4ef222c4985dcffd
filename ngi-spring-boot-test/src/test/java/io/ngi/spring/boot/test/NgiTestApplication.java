package io.ngi.spring.boot.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.ngi.spring.boot.test.sample.EchoServer;

/**
 * The application the tests of this package find: it scans only the sample package, so
 * the test auto-configuration of this package is never component-scanned.
 */
@SpringBootApplication(scanBasePackageClasses = EchoServer.class)
class NgiTestApplication {

}
