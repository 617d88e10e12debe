"""ETL for the National Science and Technology Workers' Day campaign data."""
