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

package io.ngi.testing;

import java.net.SocketAddress;
import java.time.Duration;

import io.ngi.Implementation;
import io.ngi.ImplementationContractTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The implementation contract on {@link TestingImplementation}, in memory. Each hook
 * below is a place where the testing implementation differs from sockets on purpose.
 */
class TestingImplementationContractTests extends ImplementationContractTests {

	@Override
	protected Implementation createImplementation() {
		return new TestingImplementation();
	}

	/**
	 * Fails the test if a connection is left open or a handler failed without the
	 * scenario expecting it: the testing implementation surfaces handler failures to the
	 * test instead of only logging them (docs/core-api.md, "Testing and the transcript
	 * format").
	 */
	@Override
	protected void shutdown(Implementation implementation) {
		TestingImplementation testing = (TestingImplementation) implementation;
		testing.assertNoOpenConnections();
		testing.rethrowHandlerErrors();
	}

	/**
	 * On purpose: the testing implementation has no sockets and no threads and delivers
	 * every event inside the call that caused it, so the scenarios check each condition
	 * once; a condition that needed a wait here would be a bug.
	 */
	@Override
	protected boolean deliversSynchronously() {
		return true;
	}

	/**
	 * Returns a name no listener is registered under. Not a difference in behaviour:
	 * addresses in memory are names, not ports.
	 */
	@Override
	protected SocketAddress unusedAddress() {
		return TestingImplementation.address("nobody");
	}

	/**
	 * On purpose the failure is recorded for the test (not only logged), so the test
	 * takes it here; {@link #shutdown} would otherwise rethrow it.
	 */
	@Override
	protected void expectHandlerFailure(Implementation implementation, Throwable failure) {
		assertThat(((TestingImplementation) implementation).takeHandlerErrors()).containsExactly(failure);
	}

	/**
	 * Advances the virtual clock: what falls due runs inside the call.
	 */
	@Override
	protected void advance(Implementation implementation, Duration duration) {
		((TestingImplementation) implementation).advance(duration);
	}

}
