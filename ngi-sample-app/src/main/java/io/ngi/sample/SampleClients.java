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

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;

import io.ngi.spring.annotation.NgiClient;

/**
 * The sample's client: {@code heartbeat} keeps a connection to the sample's own echo
 * listener (its address waits for {@code local.ngi.echo.port}), or to the upstream that
 * {@code ngi.clients.heartbeat.address} names, reconnecting with the backoff of
 * {@code ngi.clients.heartbeat.backoff.*} in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ngi.enabled", matchIfMissing = true)
class SampleClients {

	@NgiClient(name = "heartbeat", address = "127.0.0.1:${local.ngi.echo.port}")
	Heartbeat heartbeat(@Value("${ngi.sample.heartbeat.interval:5s}") Duration interval) {
		return new Heartbeat(interval);
	}

}
