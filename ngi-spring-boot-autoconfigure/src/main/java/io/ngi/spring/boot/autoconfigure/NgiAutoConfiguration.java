package io.ngi.spring.boot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.ngi.Implementation;
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
 * open; the bean is closed (and its threads ended) when the context closes.
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

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(Implementation.class)
	NioImplementation ngiImplementation(NgiProperties properties) {
		NgiProperties.Output output = properties.getOutput();
		return NioImplementation.builder()
			.name("ngi-loop")
			.loops(properties.effectiveLoops())
			.daemon(false)
			.outputHighWaterMark(output.getHighWaterMark().toBytes())
			.outputLowWaterMark(output.getLowWaterMark().toBytes())
			.outputLimit(output.getLimit().toBytes())
			.blockedLoopThreshold(properties.getLoop().getBlockedThreshold())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	NgiListenerRegistry ngiListenerRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties) {
		return new NgiListenerRegistry(implementation, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	NgiClientRegistry ngiClientRegistry(ObjectProvider<Implementation> implementation, NgiProperties properties,
			NgiListenerRegistry ngiListenerRegistry) {
		return new NgiClientRegistry(implementation, properties, ngiListenerRegistry);
	}

}
