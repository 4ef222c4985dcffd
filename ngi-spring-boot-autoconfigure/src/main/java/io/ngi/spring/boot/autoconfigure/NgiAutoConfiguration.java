package io.ngi.spring.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.ngi.Implementation;

/**
 * Auto-configuration of NGI: the implementation bean and the registry that opens the
 * listeners of {@code @NgiServer} and {@code @NgiUdpHandler} beans. Disabled by
 * {@code ngi.enabled=false}; each bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(Implementation.class)
@ConditionalOnBooleanProperty(name = "ngi.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NgiProperties.class)
public final class NgiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NgiListenerRegistry ngiListenerRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties) {
		return new NgiListenerRegistry(implementation, properties);
	}

}
