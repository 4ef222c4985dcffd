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
