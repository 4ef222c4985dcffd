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

import java.nio.charset.StandardCharsets;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.beans.factory.annotation.Autowired;

import io.ngi.spring.boot.test.sample.EchoServer;
import io.ngi.spring.boot.test.sample.FailingServer;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Runs slice test classes that exercise a failing handler through the JUnit Platform and
 * checks how they end.
 */
class NgiTestHandlerErrorTests {

	@Test
	void handlerExceptionShouldFailTheSliceTestWithThatException() {
		Events tests = run(FailingHandlerSlice.class);
		tests.assertStatistics((stats) -> stats.started(3).succeeded(1).failed(2));
		tests.assertThatEvents()
			.haveExactly(1,
					event(test("inputToFailingHandlerPassesItsOwnAssertions"),
							finishedWithFailure(instanceOf(IllegalStateException.class),
									message("cannot handle boom"))))
			.haveExactly(1,
					event(test("failureAfterAnAssertionFailureIsSuppressed"),
							finishedWithFailure(instanceOf(AssertionError.class))))
			.haveExactly(1, event(test("nextTestInTheSameContextStartsClean"), finishedSuccessfully()));
		Throwable failure = tests.failed()
			.filter((event) -> event.getTestDescriptor().getDisplayName().startsWith("failureAfter"))
			.findFirst()
			.orElseThrow()
			.getPayload(TestExecutionResult.class)
			.orElseThrow()
			.getThrowable()
			.orElseThrow();
		assertThat(failure.getSuppressed()).singleElement(InstanceOfAssertFactories.THROWABLE)
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("cannot handle late");
	}

	@Test
	void connectionLeftOpenShouldBeClosedAfterTheTest() {
		Events tests = run(LeftOpenSlice.class);
		tests.assertStatistics((stats) -> stats.started(2).succeeded(2));
	}

	static Events run(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter")
			.configurationParameter(LaunchedByTestKit.PARAMETER, "true")
			.selectors(selectClass(testClass))
			.execute()
			.testEvents();
	}

	@NgiTest(servers = FailingServer.class)
	@ExtendWith(LaunchedByTestKit.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class FailingHandlerSlice {

		@Autowired
		private NgiTestClient ngi;

		@Test
		@Order(1)
		void failureAfterAnAssertionFailureIsSuppressed() {
			this.ngi.connect("failing").write("late".getBytes(StandardCharsets.UTF_8));
			assertThat("test").isEqualTo("its own failure");
		}

		@Test
		@Order(2)
		void inputToFailingHandlerPassesItsOwnAssertions() {
			TestConnection client = this.ngi.connect("failing");
			client.write("boom".getBytes(StandardCharsets.UTF_8));
			assertThat(client.isOpen()).isFalse();
		}

		@Test
		@Order(3)
		void nextTestInTheSameContextStartsClean() {
			assertThat(this.ngi.implementation().handlerErrors()).isEmpty();
			this.ngi.implementation().assertNoOpenConnections();
		}

	}

	@NgiTest(servers = EchoServer.class)
	@ExtendWith(LaunchedByTestKit.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class LeftOpenSlice {

		@Autowired
		private NgiTestClient ngi;

		@Test
		@Order(1)
		void leavesAConnectionOpen() {
			this.ngi.connect("echo").write("hi".getBytes(StandardCharsets.UTF_8));
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(this.ngi.implementation()::assertNoOpenConnections);
		}

		@Test
		@Order(2)
		void nextTestFindsNoOpenConnection() {
			this.ngi.implementation().assertNoOpenConnections();
		}

	}

}
