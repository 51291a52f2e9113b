package org.smguard.hosts;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Says in the OpenAPI description that the host paths take a host token and nothing else,
 * instead of the HTTP Basic the rest of the API takes.
 */
@Configuration(proxyBeanMethods = false)
class HostApiDescription {

	static final String SCHEME = "hostToken";

	static final String SELF_PREFIX = "/api/v1/hosts/self/";

	@Bean
	OpenApiCustomizer hostTokenScheme() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("the token of a registered mail host (smh_...)"));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith(SELF_PREFIX)) {
					item.readOperations()
						.forEach((operation) -> operation
							.setSecurity(List.of(new SecurityRequirement().addList(SCHEME))));
				}
			});
		};
	}

}
