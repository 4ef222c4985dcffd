/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

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
