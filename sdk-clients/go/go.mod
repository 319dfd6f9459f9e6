module github.com/caravan-gateway/caravan/sdk-clients/go

go 1.23
