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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiClientRegistry;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.spring.boot.autoconfigure.NgiProperties;

/**
 * Auto-configuration of the {@code ngi} health indicator ({@link NgiHealthIndicator}),
 * when Boot's health support is on the class path and
 * {@code management.health.ngi.enabled} is not false.
 */
@AutoConfiguration(after = NgiAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(NgiListenerRegistry.class)
public final class NgiHealthContributorAutoConfiguration {

	/**
	 * Creates the auto-configuration; Spring calls it.
	 */
	public NgiHealthContributorAutoConfiguration() {
	}

	// Conditions whose condition class lives in an optional jar go on the method, which
	// is only read once the class-level @ConditionalOnClass matched.
	@Bean
	@ConditionalOnEnabledHealthIndicator("ngi")
	@ConditionalOnMissingBean(name = { "ngiHealthIndicator", "ngiHealthContributor" })
	NgiHealthIndicator ngiHealthIndicator(NgiListenerRegistry registry, NgiProperties properties,
			ObjectProvider<NgiClientRegistry> clients) {
		return new NgiHealthIndicator(registry, clients.getIfUnique(),
				properties.getLoop().getBlockedHealthDownAfter());
	}

}
