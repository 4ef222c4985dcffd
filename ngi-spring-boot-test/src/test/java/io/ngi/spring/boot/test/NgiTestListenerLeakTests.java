package io.ngi.spring.boot.test;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;

import io.ngi.ConnectionFailedException;
import io.ngi.testing.TestingImplementation;
import io.ngi.spring.boot.test.sample.EchoServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A listener a test opens on the testing implementation itself and leaves open is closed
 * when the test ends, so it does not answer in the next test that shares the context; the
 * slice's own listeners stay.
 */
@NgiTest(servers = EchoServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NgiTestListenerLeakTests {

	@Autowired
	private NgiTestClient ngi;

	@Test
	@Order(1)
	void aTestOpensAListenerAndLeavesItOpen() {
		this.ngi.implementation()
			.listen(TestingImplementation.address("stray"), (connection) -> connection.write("stray"));
		assertThat(this.ngi.implementation().connect(TestingImplementation.address("stray")).output())
			.isEqualTo("-> 'stray'");
	}

	@Test
	@Order(2)
	void theNextTestFindsItClosedAndTheSlicesListenersOpen() {
		assertThatExceptionOfType(ConnectionFailedException.class)
			.isThrownBy(() -> this.ngi.implementation().connect(TestingImplementation.address("stray")));
		assertThat(this.ngi.implementation().openListeners()).hasSize(1);
		this.ngi.connect("echo").write("still here");
		assertThat(this.ngi.connect("echo").isOpen()).isTrue();
	}

}
