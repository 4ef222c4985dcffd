package io.ngi.spring.boot.test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.ngi.spring.boot.autoconfigure.NgiAutoConfiguration;
import io.ngi.spring.boot.autoconfigure.NgiListenerRegistry;
import io.ngi.testing.TestingImplementation;

/**
 * Test auto-configuration imported by {@link AutoConfigureNgi}: a primary
 * {@link TestingImplementation}, so the listener registry opens every listener on it (and
 * the NIO implementation, which backs off when an implementation bean exists, is not
 * made), and the {@link NgiTestClient}. One of each per application context.
 */
@AutoConfiguration(before = NgiAutoConfiguration.class)
public final class NgiTestingAutoConfiguration {

	@Bean
	@Primary
	TestingImplementation ngiTestingImplementation() {
		return new TestingImplementation();
	}

	@Bean
	NgiTestClient ngiTestClient(TestingImplementation ngiTestingImplementation,
			ObjectProvider<NgiListenerRegistry> registry) {
		return new NgiTestClient(ngiTestingImplementation, registry);
	}

}
