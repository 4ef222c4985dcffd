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

package io.ngi.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

import io.ngi.ListenOptions;

/**
 * Checks the values of {@link NgiProperties} that each bind alone but do not fit together
 * or with the core's limits, so that a bad value fails at binding with Boot's failure
 * analysis naming the property ({@code Property: ngi.output.low-water-mark}), not later
 * in a bean that uses it.
 */
final class NgiPropertiesValidator {

	private static final long MAX_INT = Integer.MAX_VALUE;

	private NgiPropertiesValidator() {
	}

	static void validate(NgiProperties properties, Errors errors) {
		notNegative(errors, "shutdown-timeout", properties.getShutdownTimeout());
		output(properties.getOutput(), errors);
		NgiProperties.Defaults defaults = properties.getDefaults();
		listener(errors, "defaults.", defaults.getBacklog(), defaults.getMaxConnections(), defaults.getUdpBufferSize(),
				defaults.getMaxLineLength(), defaults.getMaxFrameLength(), defaults.getIdleTimeout(),
				defaults.getTrustedProxies(), defaults.getSsl().getHandshakeTimeout());
		for (Map.Entry<String, NgiProperties.ListenerProperties> entry : properties.getServers().entrySet()) {
			NgiProperties.ListenerProperties server = entry.getValue();
			listener(errors, "servers." + entry.getKey() + ".", server.getBacklog(), server.getMaxConnections(),
					server.getUdpBufferSize(), server.getMaxLineLength(), server.getMaxFrameLength(),
					server.getIdleTimeout(), server.getTrustedProxies(), server.getSsl().getHandshakeTimeout());
		}
		for (Map.Entry<String, NgiClientProperties> entry : properties.getClients().entrySet()) {
			client(errors, "clients." + entry.getKey() + ".", entry.getValue());
		}
		NgiProperties.Imperative imperative = properties.getImperative();
		if (imperative.getSpins() < 0) {
			errors.rejectValue("imperative.spins", "negative", "must be >= 0");
		}
		if (imperative.getBodySpins() < 0) {
			errors.rejectValue("imperative.body-spins", "negative", "must be >= 0");
		}
	}

	private static void output(NgiProperties.Output output, Errors errors) {
		long low = output.getLowWaterMark().toBytes();
		long high = output.getHighWaterMark().toBytes();
		long limit = output.getLimit().toBytes();
		if (low < 0) {
			errors.rejectValue("output.low-water-mark", "negative", "must not be negative");
		}
		else if (high <= low) {
			errors.rejectValue("output.high-water-mark", "order",
					"must be above ngi.output.low-water-mark (" + output.getLowWaterMark() + ")");
		}
		if (limit < high) {
			errors.rejectValue("output.limit", "order",
					"must be at least ngi.output.high-water-mark (" + output.getHighWaterMark() + ")");
		}
	}

	private static void listener(Errors errors, String prefix, @Nullable Integer backlog,
			@Nullable Integer maxConnections, @Nullable DataSize udpBufferSize, @Nullable DataSize maxLineLength,
			@Nullable DataSize maxFrameLength, @Nullable Duration idleTimeout, @Nullable List<String> trustedProxies,
			@Nullable Duration handshakeTimeout) {
		if (backlog != null && backlog <= 0) {
			errors.rejectValue(prefix + "backlog", "range", "must be > 0");
		}
		if (maxConnections != null && maxConnections != -1 && maxConnections <= 0) {
			errors.rejectValue(prefix + "max-connections", "range", "must be -1 (no limit) or > 0");
		}
		if (udpBufferSize != null && (udpBufferSize.toBytes() <= 0 || udpBufferSize.toBytes() > 65536)) {
			errors.rejectValue(prefix + "udp-buffer-size", "range", "must be between 1B and 64KB");
		}
		if (maxLineLength != null && (maxLineLength.toBytes() <= 0 || maxLineLength.toBytes() > MAX_INT)) {
			errors.rejectValue(prefix + "max-line-length", "range", "must be between 1B and 2GB - 1 byte");
		}
		if (maxFrameLength != null && (maxFrameLength.toBytes() < 0 || maxFrameLength.toBytes() > MAX_INT)) {
			errors.rejectValue(prefix + "max-frame-length", "range", "must be between 0B and 2GB - 1 byte");
		}
		notNegative(errors, prefix + "idle-timeout", idleTimeout);
		notNegative(errors, prefix + "ssl.handshake-timeout", handshakeTimeout);
		if (trustedProxies != null) {
			try {
				ListenOptions.builder().trustedProxies(trustedProxies);
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue(prefix + "trusted-proxies", "format",
						"must be IP addresses or CIDR blocks such as 10.0.0.0/8 (" + ex.getMessage() + ")");
			}
		}
	}

	private static void client(Errors errors, String prefix, NgiClientProperties client) {
		notNegative(errors, prefix + "connect-timeout", client.getConnectTimeout());
		notNegative(errors, prefix + "idle-timeout", client.getIdleTimeout());
		notNegative(errors, prefix + "backoff.reset-after", client.getBackoff().getResetAfter());
		Duration initial = client.getBackoff().getInitial();
		Duration max = client.getBackoff().getMax();
		if (initial.isNegative() || initial.isZero()) {
			errors.rejectValue(prefix + "backoff.initial", "range", "must be positive");
		}
		else if (max.compareTo(initial) < 0) {
			errors.rejectValue(prefix + "backoff.max", "order",
					"must be at least ngi.clients.<name>.backoff.initial (" + initial + ")");
		}
	}

	private static void notNegative(Errors errors, String field, @Nullable Duration value) {
		if (value != null && value.isNegative()) {
			errors.rejectValue(field, "negative", "must not be negative");
		}
	}

}
