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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.ngi.spring.boot.test.sample.AuditLog;
import io.ngi.spring.boot.test.sample.CountingHandler;
import io.ngi.spring.boot.test.sample.DatagramLog;
import io.ngi.spring.boot.test.sample.DatagramSink;
import io.ngi.spring.boot.test.sample.EchoServer;
import io.ngi.spring.boot.test.sample.FailingServer;
import io.ngi.spring.boot.test.sample.Greeter;
import io.ngi.spring.boot.test.sample.GreetingServer;
import io.ngi.spring.boot.test.sample.ReverseServerConfiguration;
import io.ngi.testing.TestConnection;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mockingDetails;

@NgiTest
class NgiTestTests {

	private static final Pattern COUNT = Pattern.compile("-> 'input (\\d+) of handler (\\d+)\\\\n'");

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private ApplicationContext context;

	@MockitoBean
	private Greeter greeter;

	@MockitoBean
	private DatagramSink sink;

	@Test
	void sliceShouldLoadNgiComponentsButNotServicesOrConfigurations() {
		assertThat(this.context.getBeanNamesForType(EchoServer.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(GreetingServer.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(CountingHandler.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(FailingServer.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(DatagramLog.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(AuditLog.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ReverseServerConfiguration.class)).isEmpty();
		assertThat(mockingDetails(this.context.getBean(Greeter.class)).isMock()).isTrue();
		assertThat(this.ngi.listenerNames()).containsExactlyInAnyOrder("echo", "greet", "counter", "failing", "log",
				"shout");
	}

	@Test
	void sliceShouldRunListenersOnTheTestingImplementation() {
		assertThat(this.context.getBeansOfType(io.ngi.Implementation.class))
			.containsOnlyKeys("ngiTestingImplementation");
		assertThat(this.ngi.implementation()).isSameAs(this.context.getBean(TestingImplementation.class));
	}

	@Test
	void connectByNameShouldDriveTheServerAndRecordItsReplies() {
		given(this.greeter.greeting("Ada")).willReturn("Hi Ada");
		TestConnection client = this.ngi.connect("greet");
		client.write("Ada\n".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'Hi Ada\\n'");
		then(this.greeter).should().greeting("Ada");
	}

	@Test
	void connectToEchoShouldRecordEachReplyAsOneTranscriptLine() {
		TestConnection client = this.ngi.connect("echo");
		client.write("hello".getBytes(StandardCharsets.UTF_8));
		client.write("out there".getBytes(StandardCharsets.UTF_8));
		assertThat(client.output()).isEqualTo("-> 'hello'\n-> 'out there'");
		client.close();
		this.ngi.implementation().assertNoOpenConnections();
	}

	@Test
	void sendUdpShouldDeliverTheDatagramToTheHandler() {
		this.ngi.sendUdp("log", "started".getBytes(StandardCharsets.UTF_8));
		then(this.sink).should().accept("<test>", "started");
	}

	@Test
	void prototypeHandlerShouldBeFreshForEachConnection() {
		TestConnection first = this.ngi.connect("counter");
		first.write("a".getBytes(StandardCharsets.UTF_8));
		first.write("b".getBytes(StandardCharsets.UTF_8));
		TestConnection second = this.ngi.connect("counter");
		second.write("a".getBytes(StandardCharsets.UTF_8));
		String[] firstLines = first.output().split("\n");
		String[] secondLines = second.output().split("\n");
		assertThat(firstLines).hasSize(2);
		assertThat(secondLines).hasSize(1);
		assertThat(count(firstLines[0])).isEqualTo("1");
		assertThat(count(firstLines[1])).isEqualTo("2");
		assertThat(count(secondLines[0])).isEqualTo("1");
		assertThat(handler(firstLines[0])).isEqualTo(handler(firstLines[1]));
		assertThat(handler(secondLines[0])).isNotEqualTo(handler(firstLines[0]));
	}

	@Test
	void connectToUnknownNameShouldListTheKnownNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.ngi.connect("reverse"))
			.withMessageContaining("No NGI listener named 'reverse'")
			.withMessageContaining("echo");
	}

	@Test
	void connectToUdpHandlerAndSendUdpToServerShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.ngi.connect("log"))
			.withMessageContaining("is a UDP handler");
		assertThatIllegalArgumentException().isThrownBy(() -> this.ngi.sendUdp("echo", new byte[1]))
			.withMessageContaining("not a UDP handler");
	}

	@Test
	void handlerErrorTakenByTheTestShouldNotFailIt() {
		TestConnection client = this.ngi.connect("failing");
		client.write("expected".getBytes(StandardCharsets.UTF_8));
		assertThat(this.ngi.implementation().takeHandlerErrors()).singleElement(InstanceOfAssertFactories.THROWABLE)
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("cannot handle expected");
		assertThat(client.isOpen()).isFalse();
	}

	private static String count(String line) {
		return match(line).group(1);
	}

	private static String handler(String line) {
		return match(line).group(2);
	}

	private static Matcher match(String line) {
		Matcher matcher = COUNT.matcher(line);
		assertThat(matcher.matches()).as("transcript line %s", line).isTrue();
		return matcher;
	}

}
