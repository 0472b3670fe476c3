package storage

import "context"

// AutoMigrateModels makes the schema the way Spotter did before numbered
// migrations, gorm's AutoMigrate on every model, so a test can hold the
// migrations and the models to the same schema.
func (s *Store) AutoMigrateModels(ctx context.Context) error {
	return s.db.WithContext(ctx).AutoMigrate(allModels()...)
}
