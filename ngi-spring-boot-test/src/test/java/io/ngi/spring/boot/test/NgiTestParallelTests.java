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

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.springframework.beans.factory.annotation.Autowired;

import io.ngi.spring.boot.test.sample.CountingHandler;
import io.ngi.spring.boot.test.sample.FailingServer;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Runs two slice test classes that share one cached context with every test method in
 * parallel, and checks that they shared the context and that each method saw the
 * context's NGI state to itself: no connection of another method open, and only its own
 * handler exception.
 */
class NgiTestParallelTests {

	private static final int REPETITIONS = 8;

	private static final String IMPLEMENTATION = "implementation";

	@Test
	void testClassesSharingAContextShouldRunInParallelWithoutSeeingEachOther() {
		EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
			.configurationParameter(LaunchedByTestKit.PARAMETER, "true")
			.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
			.configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
			.configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
			.configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
			.selectors(selectClass(FirstSlice.class), selectClass(SecondSlice.class))
			.execute();
		int perClass = 2 * REPETITIONS;
		assertThat(results.allEvents()
			.reportingEntryPublished()
			.map((event) -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(IMPLEMENTATION))
			.distinct()).as("identities of the testing implementation the methods used").hasSize(1);
		Events tests = results.testEvents();
		tests.assertStatistics(
				(stats) -> stats.started(2 * perClass).succeeded(2 * perClass - REPETITIONS).failed(REPETITIONS));
		tests.assertThatEvents()
			.haveExactly(REPETITIONS, event(test("failsWithItsOwnHandlerException"),
					finishedWithFailure(instanceOf(IllegalStateException.class), message("cannot handle first"))));
	}

	static void countOnAConnectionOfItsOwn(NgiTestClient ngi, TestReporter reporter) {
		report(ngi, reporter);
		ngi.implementation().assertNoOpenConnections();
		TestConnection client = ngi.connect("counter");
		StringBuilder expected = new StringBuilder();
		for (int i = 1; i <= 20; i++) {
			client.write("x".getBytes(StandardCharsets.UTF_8));
			expected.append("input ").append(i).append(' ');
		}
		String counted = client.output().replaceAll("-> 'input (\\d+) of handler \\d+\\\\n'\n?", "input $1 ");
		assertThat(counted).isEqualTo(expected.toString());
		assertThat(ngi.implementation().handlerErrors()).isEmpty();
	}

	static void report(NgiTestClient ngi, TestReporter reporter) {
		reporter.publishEntry(IMPLEMENTATION, Integer.toHexString(System.identityHashCode(ngi.implementation())));
	}

	@NgiTest(servers = { CountingHandler.class, FailingServer.class })
	@ExtendWith(LaunchedByTestKit.class)
	static class FirstSlice {

		@Autowired
		private NgiTestClient ngi;

		@RepeatedTest(REPETITIONS)
		void countsAlone(TestReporter reporter) {
			countOnAConnectionOfItsOwn(this.ngi, reporter);
		}

		@RepeatedTest(REPETITIONS)
		void failsWithItsOwnHandlerException(TestReporter reporter) {
			report(this.ngi, reporter);
			this.ngi.implementation().assertNoOpenConnections();
			this.ngi.connect("failing").write("first".getBytes(StandardCharsets.UTF_8));
		}

	}

	@NgiTest(servers = { CountingHandler.class, FailingServer.class })
	@ExtendWith(LaunchedByTestKit.class)
	static class SecondSlice {

		@Autowired
		private NgiTestClient ngi;

		@RepeatedTest(REPETITIONS)
		void countsAlone(TestReporter reporter) {
			countOnAConnectionOfItsOwn(this.ngi, reporter);
		}

		@RepeatedTest(REPETITIONS)
		void countsAloneAgain(TestReporter reporter) {
			countOnAConnectionOfItsOwn(this.ngi, reporter);
		}

	}

}
