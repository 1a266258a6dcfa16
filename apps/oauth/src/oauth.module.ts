import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/http';
import { AuthorizeController } from './authorize/authorize.controller';
import { AuthorizeUseCase } from './authorize/authorize.usecase';
import { BootstrapClient } from './bootstrap-admin/bootstrap-client';
import { ClientAuthenticator } from './clients/client-authenticator';
import { ClientRows } from './clients/client-rows';
import { BrowserClientSnapshotController } from './internal/browser-client-snapshot.controller';
import { ClientLicenseSnapshotController } from './internal/client-license-snapshot.controller';
import { ClientLicensePolicy } from './clients/client-license';
import { EndpointCatalogue } from './clients/endpoint-catalogue';
import { LicenseDirectory } from './clients/license-directory';
import { ClientsController } from './clients/clients.controller';
import { ClientProvisioning } from './clients/client-provisioning';
import { CreateClientUseCase } from './clients/usecases/create-client.usecase';
import { DeleteClientUseCase } from './clients/usecases/delete-client.usecase';
import { GetClientUseCase } from './clients/usecases/get-client.usecase';
import { IssueClientTokenUseCase } from './clients/usecases/issue-client-token.usecase';
import { ListBrowserClientsUseCase } from './clients/usecases/list-browser-clients.usecase';
import { ListClientLicensesUseCase } from './clients/usecases/list-client-licenses.usecase';
import { ListClientTokensUseCase } from './clients/usecases/list-client-tokens.usecase';
import { ListClientsUseCase } from './clients/usecases/list-clients.usecase';
import { RevokeClientTokenUseCase } from './clients/usecases/revoke-client-token.usecase';
import { RotateClientSecretUseCase } from './clients/usecases/rotate-client-secret.usecase';
import { UpdateClientUseCase } from './clients/usecases/update-client.usecase';
import { ClientsRepository } from './clients/clients.repository';
import { ClientTokensRepository } from './clients/client-tokens.repository';
import { CustomersRepository } from './customers/customers.repository';
import { SessionsRepository } from './login/sessions.repository';
import { TransactionalRepository } from './shared/transactional.repository';
import { AuthorizationCodesRepository } from './tokens/authorization-codes.repository';
import { RefreshTokensRepository } from './tokens/refresh-tokens.repository';
import { RevocationsRepository } from './tokens/revocations.repository';
import { CustomersController, IdentifiersController } from './customers/customers.controller';
import { CustomerTokenVerifier } from './customers/customer-token-verifier';
import { CreateCustomerUseCase } from './customers/usecases/create-customer.usecase';
import { ListCustomersUseCase } from './customers/usecases/list-customers.usecase';
import { MapUserIdentifiersUseCase } from './customers/usecases/map-user-identifiers.usecase';
import { SsoKeys } from './customers/sso-keys';
import { MetadataController } from './discovery/metadata.controller';
import { UserDisabledHandler } from './events/user-disabled.handler';
import { GatewaySnapshotController } from './internal/gateway-snapshot.controller';
import { RevocationSnapshot } from './internal/revocation-snapshot';
import { keyBoxProvider } from './keys/key-box';
import { SigningKeysRepository } from './keys/signing-keys.repository';
import { KeyStore } from './keys/key-store';
import { KeysController } from './keys/keys.controller';
import { ContinuePolicy } from './login/continue-policy';
import { LoginController } from './login/login.controller';
import { Sessions } from './login/sessions';
import { SsoLogin } from './login/sso-login';
import { UserLogin } from './login/user-login';
import { DocsClient } from './docs-client/docs-client';
import { PortalClient } from './portal-client/portal-client';
import { AuditTrail } from './security/audit-trail';
import { FailureThrottle } from './security/failure-throttle';
import { AccessTokens } from './tokens/access-token';
import { AuthorizationCodeGrant } from './tokens/grants/authorization-code.grant';
import { ClientCredentialsGrant } from './tokens/grants/client-credentials.grant';
import { CustomSsoGrant } from './tokens/grants/custom-sso.grant';
import { PasswordGrant } from './tokens/grants/password.grant';
import { RefreshTokenGrant } from './tokens/grants/refresh-token.grant';
import { Revocations } from './tokens/revocations';
import { TokenChain } from './tokens/token-chain';
import { TokenEndpoint } from './tokens/token-endpoint';
import { LegacyAuthUseCase } from './tokens/usecases/legacy-auth.usecase';
import { GetTokenInfoUseCase } from './tokens/usecases/get-token-info.usecase';
import { IntrospectTokenUseCase } from './tokens/usecases/introspect-token.usecase';
import { RevokeTokenUseCase } from './tokens/usecases/revoke-token.usecase';
import { TokenInfoController } from './tokens/token-info.controller';
import { TokenInspector } from './tokens/token-inspector';
import { IssuedTokenAudit } from './tokens/issued-token-audit';
import { TokenIssuer } from './tokens/token-issuer';
import { TokenRevoker } from './tokens/token-revoker';
import { TokenController } from './tokens/token.controller';
import { LegacyAuthController } from './tokens/legacy-auth.controller';
import { TokenRoute } from './tokens/token-route';
import { TokenRequestCounter } from './tokens/token-metrics.interceptor';
import { UsersDirectory } from './users-client/users-directory';
import { EndSessionController } from './logout/end-session.controller';
import { EndSessionRequests } from './logout/end-session-request';
import { UserInfo } from './userinfo/userinfo';
import { UserInfoController } from './userinfo/userinfo.controller';
import { SessionLogout } from './login/session-logout';
import { IdTokens } from './tokens/id-token';
import { stageTwoControllers, stageTwoProviders } from './context/registration';

/** The authorization server: clients, grants, tokens, keys, login sessions, customers and SSO. */
@Module({
  controllers: [
    TokenController,
    LegacyAuthController,
    TokenInfoController,
    AuthorizeController,
    LoginController,
    KeysController,
    MetadataController,
    UserInfoController,
    EndSessionController,
    ClientsController,
    CustomersController,
    IdentifiersController,
    GatewaySnapshotController,
    ClientLicenseSnapshotController,
    ...stageTwoControllers,
    BrowserClientSnapshotController,
  ],
  providers: [
    { provide: Clock, useClass: SystemClock },
    keyBoxProvider,
    TransactionalRepository,
    ClientsRepository,
    ClientTokensRepository,
    CustomersRepository,
    SessionsRepository,
    SigningKeysRepository,
    AuthorizationCodesRepository,
    RefreshTokensRepository,
    RevocationsRepository,
    KeyStore,
    AccessTokens,
    Revocations,
    TokenChain,
    TokenIssuer,
    IssuedTokenAudit,
    TokenInspector,
    TokenRevoker,
    TokenEndpoint,
    LegacyAuthUseCase,
    GetTokenInfoUseCase,
    IntrospectTokenUseCase,
    RevokeTokenUseCase,
    TokenRoute,
    TokenRequestCounter,
    IdTokens,
    UserInfo,
    EndSessionRequests,
    SessionLogout,
    ClientCredentialsGrant,
    AuthorizationCodeGrant,
    RefreshTokenGrant,
    PasswordGrant,
    CustomSsoGrant,
    ClientAuthenticator,
    ClientRows,
    ClientProvisioning,
    CreateClientUseCase,
    ListClientsUseCase,
    GetClientUseCase,
    UpdateClientUseCase,
    DeleteClientUseCase,
    RotateClientSecretUseCase,
    IssueClientTokenUseCase,
    ListClientTokensUseCase,
    RevokeClientTokenUseCase,
    ListClientLicensesUseCase,
    ListBrowserClientsUseCase,
    ClientLicensePolicy,
    LicenseDirectory,
    EndpointCatalogue,
    CustomerTokenVerifier,
    CreateCustomerUseCase,
    ListCustomersUseCase,
    MapUserIdentifiersUseCase,
    SsoKeys,
    Sessions,
    SsoLogin,
    UserLogin,
    ContinuePolicy,
    AuthorizeUseCase,
    UsersDirectory,
    FailureThrottle,
    AuditTrail,
    UserDisabledHandler,
    BootstrapClient,
    RevocationSnapshot,
    PortalClient,
    ...stageTwoProviders,
    DocsClient,
  ],
  exports: [AccessTokens, KeyStore],
})
export class OauthModule {}
