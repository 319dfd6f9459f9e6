module github.com/caravan-gateway/caravan/sdk-clients/go

go 1.23

require (
	github.com/standard-webhooks/standard-webhooks/libraries v1.3.0
	gopkg.in/yaml.v3 v3.0.1
)
