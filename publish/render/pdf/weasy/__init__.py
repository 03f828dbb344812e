"""Every change this project makes to WeasyPrint's and pydyf's own code, in one place."""
