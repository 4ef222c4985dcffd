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

package io.ngi.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;

import io.ngi.Implementation;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;

/**
 * The sample's listeners, one {@code @NgiServer} or {@code @NgiUdpHandler} bean each.
 * Their addresses and limits come from {@code ngi.servers.<name>.*} in
 * {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ngi.enabled", matchIfMissing = true)
class SampleServers {

	/**
	 * The most UDP senders whose counts are kept at once.
	 */
	static final int MAX_UDP_SENDERS = 10_000;

	/**
	 * The seed's echo server; {@code ngi.servers.echo.max-line-length} reaches its
	 * {@code Lines} adapter with no code here.
	 */
	@NgiServer(name = "echo")
	Server echo() {
		return new UpperCaseEcho();
	}

	/**
	 * The echo server again, over TLS: {@code ngi.servers.echo-tls.ssl.bundle} names the
	 * SSL bundle (a development certificate for localhost) in {@code application.yml}.
	 * The handler sees plaintext, as on the plain echo listener.
	 */
	@NgiServer(name = "echo-tls")
	Server echoTls() {
		return new UpperCaseEcho();
	}

	@NgiServer(name = "wc")
	Server wc() {
		return WordCount.server();
	}

	@NgiServer(name = "wc-sized")
	Server wcSized() {
		return SizedWordCount.server();
	}

	@NgiUdpHandler(name = "udp")
	UdpHandler udp(Implementation implementation) {
		return new DatagramCounter(implementation, MAX_UDP_SENDERS);
	}

}
