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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;

import io.ngi.Implementation;
import io.ngi.imperative.ImperativeSettings;
import io.ngi.nio.NioImplementation;

/**
 * Auto-configuration of NGI: the implementation bean, the registry that opens the
 * listeners of {@code @NgiServer} and {@code @NgiUdpHandler} beans, and the registry that
 * runs the reconnecting clients of {@code @NgiClient} beans. Disabled by
 * {@code ngi.enabled=false}; each bean backs off when the application defines its own.
 * <p>
 * The {@link NioImplementation} has {@code ngi.loops} loop threads named
 * {@code ngi-loop-1} to {@code ngi-loop-N}. They are non-daemon and start with the first
 * listener, so an application without a web server keeps running while listeners are
 * open; the bean is closed (and its threads ended) when the context closes. It is built
 * from the {@code NioImplementation.Builder} bean, to which every
 * {@link NgiImplementationCustomizer} applies (the {@code ngi.*} properties at order 0);
 * an application's own implementation bean built from that builder keeps them. Each
 * listener's options get every {@link NgiListenerCustomizer} the same way.
 * <p>
 * A listener with {@code ngi.servers.<name>.ssl.bundle} speaks TLS with that Spring Boot
 * SSL bundle, resolved through the {@code SslBundles} bean of Boot's
 * {@link SslAutoConfiguration} (which runs first).
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(Implementation.class)
@ConditionalOnBooleanProperty(name = "ngi.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NgiProperties.class)
public final class NgiAutoConfiguration {

	/**
	 * Creates the auto-configuration; Spring calls it.
	 */
	public NgiAutoConfiguration() {
	}

	@Bean
	NgiImplementationPropertiesCustomizer ngiImplementationPropertiesCustomizer(NgiProperties properties) {
		return new NgiImplementationPropertiesCustomizer(properties);
	}

	@Bean
	NgiListenerPropertiesCustomizer ngiListenerPropertiesCustomizer(NgiProperties properties) {
		return new NgiListenerPropertiesCustomizer(properties);
	}

	/**
	 * A new builder per injection point, with every {@link NgiImplementationCustomizer}
	 * applied (the properties first), for the auto-configured implementation or one the
	 * application builds itself.
	 */
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	NioImplementation.Builder ngiImplementationBuilder(ObjectProvider<NgiImplementationCustomizer> customizers) {
		NioImplementation.Builder builder = NioImplementation.builder().name("ngi-loop").daemon(false);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(Implementation.class)
	NioImplementation ngiImplementation(NioImplementation.Builder ngiImplementationBuilder) {
		return ngiImplementationBuilder.build();
	}

	/**
	 * The imperative bodies' settings from {@code ngi.imperative.*}, virtual threads
	 * following {@code spring.threads.virtual.enabled} unless set; applied for the JVM
	 * when this bean is created, before any listener opens.
	 */
	@Bean
	@ConditionalOnMissingBean
	ImperativeSettings ngiImperativeSettings(NgiProperties properties, Environment environment) {
		NgiProperties.Imperative imperative = properties.getImperative();
		boolean virtual = switch (imperative.getThreads()) {
			case AUTO -> Threading.VIRTUAL.isActive(environment);
			case VIRTUAL -> true;
			case PLATFORM -> false;
		};
		ImperativeSettings settings = new ImperativeSettings(virtual, imperative.getSpins(), imperative.getBodySpins());
		ImperativeSettings.use(settings);
		return settings;
	}

	@Bean
	@ConditionalOnMissingBean
	NgiListenerRegistry ngiListenerRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties,
			ImperativeSettings ngiImperativeSettings) {
		return new NgiListenerRegistry(implementation, properties);
	}

	@Bean
	NgiListenersStartStopLifecycle ngiListenersStartStopLifecycle(NgiListenerRegistry ngiListenerRegistry) {
		return new NgiListenersStartStopLifecycle(ngiListenerRegistry);
	}

	@Bean
	NgiListenersGracefulShutdownLifecycle ngiListenersGracefulShutdownLifecycle(
			NgiListenerRegistry ngiListenerRegistry) {
		return new NgiListenersGracefulShutdownLifecycle(ngiListenerRegistry);
	}

	@Bean
	NgiLoopLiveness ngiLoopLiveness(ObjectProvider<Implementation> implementation, NgiProperties properties,
			ApplicationEventPublisher publisher) {
		return new NgiLoopLiveness(implementation, properties.getLoop().getBlockedHealthDownAfter(), publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	NgiClientRegistry ngiClientRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties,
			NgiListenerRegistry ngiListenerRegistry) {
		return new NgiClientRegistry(implementation, properties, ngiListenerRegistry);
	}

}
