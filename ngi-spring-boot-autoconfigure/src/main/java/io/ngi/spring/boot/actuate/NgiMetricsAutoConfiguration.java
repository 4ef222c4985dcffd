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

package io.ngi.spring.boot.actuate;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.ngi.nio.NioImplementation;
import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;

/**
 * Auto-configuration of NGI's Micrometer meters ({@link NgiMetrics}, and
 * {@link NgiLoopMetrics} with the NIO implementation, {@link NgiClientMetrics} for
 * {@code @NgiClient} clients), when Micrometer is on the class path and a
 * {@link MeterRegistry} bean exists. Ordered after Boot 4's metrics auto-configurations
 * so that the registry bean is visible.
 */
@AutoConfiguration(after = NgiAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, NgiListenerRegistry.class })
public final class NgiMetricsAutoConfiguration {

	/**
	 * Creates the auto-configuration; Spring calls it.
	 */
	public NgiMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	NgiMetrics ngiMetrics(MeterRegistry meterRegistry) {
		return new NgiMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnBean(NioImplementation.class)
	@ConditionalOnMissingBean
	NgiLoopMetrics ngiLoopMetrics(NioImplementation implementation, MeterRegistry meterRegistry) {
		return new NgiLoopMetrics(implementation, meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(NgiClientRegistry.class)
	NgiClientMetrics ngiClientMetrics(MeterRegistry meterRegistry, NgiClientRegistry clients) {
		return new NgiClientMetrics(meterRegistry, clients);
	}

}
